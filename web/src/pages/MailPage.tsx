// Mail: how alerts reach people by mail. Everyone who may see it (the IT
// technician, the DSL, the head) sees the outbox: what waits, what fails and
// why, and what went in the last 7 days. Those who manage settings also set
// the school's SMTP relay, send a test mail and try waiting mail now. The
// relay's password can be set but is never shown.
import { useEffect, useState } from "preact/hooks";
import { get, post, request } from "../api";
import { formatTime } from "../format";
import { can, type User } from "../session";
import type { MailPageView, MailSettings, OutboxMail } from "../types";

const kStatusWords: Record<OutboxMail["status"], string> = {
  queued: "Waiting",
  failing: "Not sent yet",
  sending: "Sending",
  sent: "Sent",
};

export function MailPage({ user }: { user: User }) {
  const [view, setView] = useState<MailPageView | null>(null);
  const [error, setError] = useState("");
  const load = () => get<MailPageView>("/mail").then(setView, (e) => setError((e as Error).message));

  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);  // a test mail's result shows within seconds
    return () => clearInterval(timer);
  }, []);

  return (
    <>
      <h1>Mail</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {!view && !error && <p aria-busy="true">Loading…</p>}
      {view && can(user, "manage_settings") && <MailSettingsForm settings={view.settings} onSaved={load} />}
      {view && !can(user, "manage_settings") && <SettingsSummary settings={view.settings} />}
      {view && <Outbox mail={view.mail} canRetry={can(user, "manage_settings")} onRetried={load} />}
    </>
  );
}

function SettingsSummary({ settings }: { settings: MailSettings }) {
  return (
    <section aria-labelledby="relay-title">
      <h2 id="relay-title">The school's mail server</h2>
      {settings.ready
        ? <p>Mail goes through <strong>{settings.smtp_host}</strong> from <strong>{settings.from}</strong>.</p>
        : <p class="warning">{settings.not_ready_because}</p>}
    </section>
  );
}

type Form = Record<"smtp_host" | "smtp_port" | "security" | "username" | "password" | "from" |
  "school_name" | "public_url" | "ca_file", string>;

function MailSettingsForm({ settings, onSaved }: { settings: MailSettings; onSaved: () => void }) {
  const [form, setForm] = useState<Form>(() => ({
    smtp_host: settings.smtp_host, smtp_port: String(settings.smtp_port), security: settings.security,
    username: settings.username, password: "", from: settings.from, school_name: settings.school_name,
    public_url: settings.public_url, ca_file: settings.ca_file,
  }));
  const [address, setAddress] = useState("");
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const text = (key: keyof Form) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });

  async function act(what: () => Promise<string>) {
    setBusy(true);
    setError("");
    setDone("");
    try {
      setDone(await what());
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function save(e: Event) {
    e.preventDefault();
    const body: Record<string, unknown> = { ...form, smtp_port: Number(form.smtp_port) || "" };
    if (form.password === "") delete body.password;  // empty: keep the stored one
    // The port shown may be the security's usual one: store it only when changed.
    if (form.smtp_port === String(settings.smtp_port)) delete body.smtp_port;
    act(async () => {
      await request<MailSettings>("PUT", "/settings/mail", body);
      setForm({ ...form, password: "" });
      return "Saved. Mail waiting to be sent is tried again now.";
    });
  }

  function sendTest(e: Event) {
    e.preventDefault();
    act(async () => {
      await post("/mail/test", { address });
      return `A test mail to ${address} is in the outbox below; it goes within a few seconds.`;
    });
  }

  return (
    <section aria-labelledby="relay-title">
      <h2 id="relay-title">The school's mail server</h2>
      <p>
        Alerts reach the DSL by mail through the school's mail server (SMTP relay). A mail says only that
        there is an alert and its level, with a link to it here: never a child's name or what they did.
      </p>
      {!settings.ready && <p class="warning">{settings.not_ready_because}</p>}
      <form class="settings" onSubmit={save}>
        <fieldset>
          <legend>Mail server</legend>
          <label>Server name<input name="smtp_host" value={form.smtp_host} onInput={text("smtp_host")}
            placeholder="smtp.school.example" /></label>
          <label>Security
            <select name="security" value={form.security} onChange={text("security")}>
              <option value="starttls">STARTTLS (usually port 587)</option>
              <option value="tls">TLS from the start (usually port 465)</option>
              <option value="none">None: only for a mail server on this machine</option>
            </select>
          </label>
          <label>Port<input name="smtp_port" type="number" min={1} max={65535} value={form.smtp_port}
            onInput={text("smtp_port")} /></label>
          <label>User name (if the server asks for one)<input name="username" value={form.username}
            onInput={text("username")} autocomplete="off" /></label>
          <label>Password {settings.password_set ? "(one is set; type a new one to change it)" : ""}
            <input name="password" type="password" value={form.password} onInput={text("password")}
              autocomplete="new-password" /></label>
          <label>The school's certificate authority file, if the server's certificate is the school's own
            <input name="ca_file" value={form.ca_file} onInput={text("ca_file")} placeholder="/etc/ssl/school-ca.pem" /></label>
        </fieldset>
        <fieldset>
          <legend>What mails say</legend>
          <label>Mail comes from<input name="from" type="email" value={form.from} onInput={text("from")}
            placeholder="esafety@school.example" /></label>
          <label>The school's name in mails<input name="school_name" value={form.school_name}
            onInput={text("school_name")} /></label>
          <label>This console's address, for the link in a mail<input name="public_url" value={form.public_url}
            onInput={text("public_url")} placeholder="https://esafety.school.example" /></label>
        </fieldset>
        <button type="submit" disabled={busy}>Save the mail settings</button>
      </form>
      <form class="inline" onSubmit={sendTest}>
        <label>Send a test mail to
          <input name="test_address" type="email" required value={address}
            onInput={(e) => setAddress(e.currentTarget.value)} placeholder="dsl@school.example" /></label>
        <button type="submit" disabled={busy || !settings.ready}>Send a test mail</button>
      </form>
      {settings.warnings.map((w) => <p key={w} class="warning">{w}</p>)}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </section>
  );
}

function Outbox({ mail, canRetry, onRetried }: { mail: OutboxMail[]; canRetry: boolean; onRetried: () => void }) {
  const waiting = mail.filter((m) => m.status !== "sent").length;
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">Outbox</h2>
      <p>
        {waiting === 0 ? "Nothing is waiting to be sent." : `${waiting} mail${waiting === 1 ? "" : "s"} waiting to be sent.`}
        {" "}Mail that cannot be sent is kept and tried again: after 30 seconds, then less often, at least every 30 minutes.
      </p>
      {canRetry && waiting > 0 && (
        <button onClick={() => post("/mail/retry").then(onRetried)}>Try again now</button>
      )}
      {mail.length > 0 && (
        <table>
          <thead>
            <tr><th>Queued</th><th>To</th><th>Subject</th><th>Status</th><th>What happened</th></tr>
          </thead>
          <tbody>
            {mail.map((m) => (
              <tr key={m.id}>
                <td>{formatTime(m.created_ms)}</td>
                <td>{m.recipients.join(", ")}</td>
                <td>{m.subject}</td>
                <td>{kStatusWords[m.status]}</td>
                <td>
                  {m.status === "sent" && `Sent ${formatTime(m.sent_ms)}`}
                  {m.status === "failing" && `${m.last_error}. Tried ${m.attempts} time${m.attempts === 1 ? "" : "s"}; next try ${formatTime(m.next_try_ms)}.`}
                  {m.status === "queued" && "Goes within a few seconds."}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
