// A "Remove" button that first asks why: the reason is kept in the audit
// trail, as the DfE standards ask. `onRemove` throws to show its message.
import { useState } from "preact/hooks";

interface Props {
  what: string; // "the entry for games.example", for the labels
  onRemove: (reason: string) => Promise<void>;
}

export function RemoveWithReason({ what, onRemove }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function remove(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await onRemove(reason);
      setOpen(false);
      setReason("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" class="secondary" aria-label={`Remove ${what}`} onClick={() => setOpen(true)}>
        Remove
      </button>
    );
  }
  return (
    <form class="remove-reason" onSubmit={remove}>
      <label>
        Why remove {what}?
        <input name="reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" disabled={busy}>Remove it</button>
        <button type="button" class="secondary" onClick={() => { setOpen(false); setError(""); }}>Cancel</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}
