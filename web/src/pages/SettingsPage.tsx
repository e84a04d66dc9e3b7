// Settings: the shared visitor login's password, which the office changes
// (for example each morning, or after a visitor has left; the new password is
// shown once and the old one stops working at once), and signing in to the
// network (the head, the IT technician, the LA): which networks sign in,
// what happens to unregistered devices, the groups staff and visitors browse
// as, proxy sign-in networks, and how long a sign-in lasts. The filter
// applies a change within a few seconds; a new length, to new sign-ins.
import { useEffect, useState } from "preact/hooks";
import { get, post, request } from "../api";
import { can, type User } from "../session";
import type { NewLogin, SignInSettings } from "../types";

export function SettingsPage({ user }: { user: User }) {
  return (
    <>
      <h1>Settings</h1>
      {can(user, "rotate_visitor_password") && <VisitorPassword />}
      {can(user, "manage_settings") && <SignInSettingsForm />}
    </>
  );
}

function VisitorPassword() {
  const [login, setLogin] = useState<NewLogin | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function rotate() {
    setBusy(true);
    setError("");
    try {
      setLogin(await post<NewLogin>("/visitor-password"));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="visitor-title">
      <h2 id="visitor-title">Visitor login</h2>
      <p>
        Visitors sign in to the school network with the shared login <strong>visitor</strong>. Give them
        today's password at the office. A new password stops the old one working straight away.
      </p>
      <button onClick={rotate} disabled={busy}>Make a new visitor password</button>
      {error && <p class="error" role="alert">{error}</p>}
      {login && (
        <p role="status">
          The visitor password is now <code class="key">{login.password}</code>. Write it down now: it is shown only once.
        </p>
      )}
    </section>
  );
}

type LengthField = "year_group_minutes" | "staff_minutes" | "visitor_minutes";
const kLengthFields: { field: LengthField; label: string }[] = [
  { field: "year_group_minutes", label: "Year-group logins (pupils)" },
  { field: "staff_minutes", label: "Staff" },
  { field: "visitor_minutes", label: "Visitors" },
];

// What the form holds: text as typed, sent as the API's types.
interface SignInForm {
  sign_in_networks: string;
  proxy_auth_networks: string;
  unknown_devices: "portal" | "group";
  pupils_on_unknown_devices: boolean;
  staff_group: string;
  visitor_group: string;
  year_group_minutes: string;
  staff_minutes: string;
  visitor_minutes: string;
}

function formFrom(s: SignInSettings): SignInForm {
  return {
    sign_in_networks: s.sign_in_networks.join(", "),
    proxy_auth_networks: s.proxy_auth_networks.join(", "),
    unknown_devices: s.unknown_devices,
    pupils_on_unknown_devices: s.pupils_on_unknown_devices,
    staff_group: s.staff_group,
    visitor_group: s.visitor_group,
    year_group_minutes: String(s.year_group_minutes),
    staff_minutes: String(s.staff_minutes),
    visitor_minutes: String(s.visitor_minutes),
  };
}

const networks = (text: string) => text.split(",").map((n) => n.trim()).filter((n) => n !== "");

function SignInSettingsForm() {
  const [saved, setSaved] = useState<SignInSettings | null>(null);
  const [form, setForm] = useState<SignInForm | null>(null);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  function show(s: SignInSettings) {
    setSaved(s);
    setForm(formFrom(s));
  }

  useEffect(() => {
    get<SignInSettings>("/settings/sign-in").then(show, (e) => setError((e as Error).message));
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    if (!form) return;
    setError("");
    setDone("");
    const body: Record<string, unknown> = {
      sign_in_networks: networks(form.sign_in_networks),
      proxy_auth_networks: networks(form.proxy_auth_networks),
      unknown_devices: form.unknown_devices,
      pupils_on_unknown_devices: form.pupils_on_unknown_devices,
      staff_group: form.staff_group,
      visitor_group: form.visitor_group,
    };
    for (const { field, label } of kLengthFields) {
      const minutes = Number(form[field]);
      if (!Number.isInteger(minutes)) {
        setError(`${label}: give a whole number of minutes.`);
        return;
      }
      body[field] = minutes;
    }
    setBusy(true);
    try {
      show(await request<SignInSettings>("PUT", "/settings/sign-in", body));
      setDone("Saved. The filter uses the new settings within a few seconds; sign-in lengths apply to new sign-ins.");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (!saved || !form) {
    return (
      <section aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Signing in to the network</h2>
        {error ? <p class="error" role="alert">{error}</p> : <p aria-busy="true">Loading…</p>}
      </section>
    );
  }
  const text = (key: keyof SignInForm) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  return (
    <section aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Signing in to the network</h2>
      <form class="settings" onSubmit={save}>
        <fieldset>
          <legend>Who signs in</legend>
          <label>
            Networks where everyone signs in, registered or not (for example the class iPads' network)
            <input name="sign_in_networks" value={form.sign_in_networks} onInput={text("sign_in_networks")}
              placeholder="10.20.8.0/24, 10.20.9.0/24" />
          </label>
          <label class="check">
            <input type="radio" name="unknown_devices" checked={form.unknown_devices === "portal"}
              onChange={() => setForm({ ...form, unknown_devices: "portal" })} />
            A device that is not registered signs in at the sign-in page
          </label>
          <label class="check">
            <input type="radio" name="unknown_devices" checked={form.unknown_devices === "group"}
              onChange={() => setForm({ ...form, unknown_devices: "group" })} />
            A device that is not registered browses under the Unknown device group's rules
          </label>
          <label class="check">
            <input type="checkbox" name="pupils_on_unknown_devices" checked={form.pupils_on_unknown_devices}
              onChange={(e) => setForm({ ...form, pupils_on_unknown_devices: e.currentTarget.checked })} />
            Pupils may sign in on devices that are not registered (their own devices)
          </label>
          <label>
            Staff who sign in browse as
            <select name="staff_group" value={form.staff_group} onChange={text("staff_group")}>
              {saved.groups.map((g) => <option key={g} value={g}>{g}</option>)}
            </select>
          </label>
          <label>
            Visitors browse as
            <select name="visitor_group" value={form.visitor_group} onChange={text("visitor_group")}>
              {saved.groups.map((g) => <option key={g} value={g}>{g}</option>)}
            </select>
          </label>
          <label>
            Networks where the browser asks for a login instead (proxy sign-in)
            <input name="proxy_auth_networks" value={form.proxy_auth_networks} onInput={text("proxy_auth_networks")}
              placeholder="10.20.30.0/24" />
          </label>
        </fieldset>
        <fieldset>
          <legend>How long a sign-in lasts</legend>
          <p class="muted">After this many minutes people sign in again: from 5 minutes to 24 hours (1440 minutes).</p>
          {kLengthFields.map(({ field, label }) => (
            <label key={field}>
              {label}, minutes
              <input name={field} type="number" min={5} max={1440} step={1} required value={form[field]}
                onInput={text(field)} />
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>Save the sign-in settings</button>
      </form>
      {saved.warnings.map((w) => <p key={w} class="warning">{w}</p>)}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </section>
  );
}
