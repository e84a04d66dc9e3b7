// The sign-in form, used as the sign-in page and as the dialog that appears
// when a session ends in the middle of work.
import { useState } from "preact/hooks";
import { ApiError } from "../api";
import { signIn, type User } from "../session";
import type { SignInRefused } from "../types";

interface Props {
  onSignedIn: (user: User) => void;
  email?: string;
}

export function SignInForm({ onSignedIn, email: initialEmail = "" }: Props) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needCode, setNeedCode] = useState(false);
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      onSignedIn(await signIn({ email, password, code: needCode ? code : undefined }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && err.body.code_required === true) {
        setNeedCode(true);
        const totp = (err.body as SignInRefused).totp_setup;
        if (totp) setSetup(totp);
        setError(err.message);
      } else if (err instanceof ApiError && err.status === 429) {
        setError(`Too many tries. Please wait ${err.retryAfterSeconds ?? 60} seconds and try again.`);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="sign-in" onSubmit={submit} aria-describedby={error ? "sign-in-error" : undefined}>
      <label>
        Email
        <input type="email" name="email" autocomplete="username" required value={email}
          onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autocomplete="current-password" required
          value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {setup && (
        <div class="totp-setup">
          <p>
            In your authenticator app, add an account with this key (or paste the link into an app that takes one).
            It is shown only until you have signed in once.
          </p>
          <p>Key: <code class="key">{setup.secret.replace(/(.{4})/g, "$1 ").trim()}</code></p>
          <p>Link: <code class="uri">{setup.uri}</code></p>
        </div>
      )}
      {needCode && (
        <label>
          Code from your authenticator app
          <input name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"
            required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
      )}
      {error && (
        <p id="sign-in-error" class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
