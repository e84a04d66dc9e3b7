// Settings: the shared visitor login's password, which the office changes
// (for example each morning, or after a visitor has left; the new password is
// shown once and the old one stops working at once), and how long a sign-in
// at the network's sign-in page lasts for year-group logins, staff and
// visitors (the head and the IT technician; the filter applies a change
// within a few seconds, to sign-ins made after it).
import { useEffect, useState } from "preact/hooks";
import { get, post, request } from "../api";
import { can, type User } from "../session";
import type { NewLogin, SessionLengths } from "../types";

export function SettingsPage({ user }: { user: User }) {
  return (
    <>
      <h1>Settings</h1>
      {can(user, "rotate_visitor_password") && <VisitorPassword />}
      {can(user, "manage_settings") && <SignInSessions />}
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

function SignInSessions() {
  const [saved, setSaved] = useState<SessionLengths | null>(null);
  const [form, setForm] = useState<Record<LengthField, string>>({
    year_group_minutes: "", staff_minutes: "", visitor_minutes: "",
  });
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  function show(lengths: SessionLengths) {
    setSaved(lengths);
    setForm({
      year_group_minutes: String(lengths.year_group_minutes),
      staff_minutes: String(lengths.staff_minutes),
      visitor_minutes: String(lengths.visitor_minutes),
    });
  }

  useEffect(() => {
    get<SessionLengths>("/settings/sign-in-sessions").then(show, (e) => setError((e as Error).message));
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    setError("");
    setDone("");
    const body: Partial<Record<LengthField, number>> = {};
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
      show(await request<SessionLengths>("PUT", "/settings/sign-in-sessions", body));
      setDone("Saved. Sign-ins from now on last this long.");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">How long a sign-in lasts</h2>
      <p>
        On a shared or unknown device, people sign in at the network's sign-in page. After this many
        minutes they are signed out and must sign in again. Between 5 minutes and 24 hours (1440 minutes).
      </p>
      {saved === null && !error && <p aria-busy="true">Loading…</p>}
      {saved !== null && (
        <form class="filters" onSubmit={save}>
          {kLengthFields.map(({ field, label }) => (
            <label key={field}>
              {label}, minutes
              <input name={field} type="number" min={5} max={1440} step={1} required value={form[field]}
                onInput={(e) => setForm({ ...form, [field]: e.currentTarget.value })} />
            </label>
          ))}
          <button type="submit" disabled={busy}>Save the sign-in lengths</button>
        </form>
      )}
      {saved?.warnings.map((w) => <p key={w} class="warning">{w}</p>)}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </section>
  );
}
