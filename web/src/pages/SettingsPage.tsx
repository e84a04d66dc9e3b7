// Settings: for now, the shared visitor login's password, which the office
// changes (for example each morning, or after a visitor has left). The new
// password is shown once; the old one stops working at once.
import { useState } from "preact/hooks";
import { post } from "../api";
import type { NewLogin } from "../types";

export function SettingsPage() {
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
    <>
      <h1>Settings</h1>
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
    </>
  );
}
