// Sanctions: deactivate an account, or restrict it to the school's allowed
// sites, until a date or until lifted, always with a reason. The filter
// applies a change within seconds. The form is kept as a draft, so it
// survives the session ending.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { useDraft } from "../draft";
import { formatTime } from "../format";
import type { ActiveSanction, Ok } from "../types";
import { sanctionWords } from "./PeoplePage";

const kEmpty = { who: "", kind: "restrict", until: "", reason: "" };

export function SanctionsPage() {
  const [sanctions, setSanctions] = useState<ActiveSanction[] | null>(null);
  const [form, setForm, clearForm] = useDraft("sanction", kEmpty);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [lifting, setLifting] = useState<{ id: number; reason: string } | null>(null);

  const load = () => get<Ok<"/sanctions", "get">>("/sanctions").then((b) => setSanctions(b.sanctions), (e) => setError(String(e.message ?? e)));
  useEffect(() => { load(); }, []);

  async function add(e: Event) {
    e.preventDefault();
    setError("");
    setDone("");
    try {
      await post("/sanctions", form);
      setDone(`Saved. It applies to ${form.who} from their next request.`);
      clearForm();
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function lift(e: Event) {
    e.preventDefault();
    if (!lifting) return;
    setError("");
    try {
      await post("/sanctions/lift", lifting);
      setLifting(null);
      setDone("Lifted.");
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const set = (name: keyof typeof kEmpty) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  return (
    <>
      <h1>Sanctions</h1>
      <section aria-labelledby="new-sanction">
        <h2 id="new-sanction">Deactivate or restrict an account</h2>
        <form class="filters" onSubmit={add}>
          <label>
            Pupil's UPN or login
            <input name="who" required value={form.who} onInput={set("who")} />
          </label>
          <label>
            Sanction
            <select name="kind" value={form.kind} onChange={set("kind")}>
              <option value="restrict">Only the school's allowed sites</option>
              <option value="deactivate">No access at all</option>
            </select>
          </label>
          <label>
            Last day (leave empty: until lifted)
            <input type="date" name="until" value={form.until} onInput={set("until")} />
          </label>
          <label class="wide">
            Reason (kept in the record)
            <input name="reason" required value={form.reason} onInput={set("reason")} />
          </label>
          <button type="submit">Apply the sanction</button>
        </form>
      </section>
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
      <h2>In force now</h2>
      {!sanctions && !error && <p aria-busy="true">Loading…</p>}
      {sanctions && sanctions.length === 0 && <p>No account has a sanction.</p>}
      <ul class="inbox">
        {sanctions?.map((s) => (
          <li key={s.id}>
            <h3>{s.person.name} <span class="muted">({s.person.upn || s.person.login})</span></h3>
            <p>{sanctionWords(s)}</p>
            <p class="muted">Applied by {s.by}, {formatTime(s.at_ms)}. Number {s.id}.</p>
            {lifting?.id === s.id ? (
              <form class="filters" onSubmit={lift}>
                <label>
                  Why lift it?
                  <input name="lift-reason" required value={lifting.reason}
                    onInput={(e) => setLifting({ id: s.id, reason: e.currentTarget.value })} />
                </label>
                <button type="submit">Lift the sanction</button>
                <button type="button" class="secondary" onClick={() => setLifting(null)}>Cancel</button>
              </form>
            ) : (
              <p><button class="secondary" onClick={() => setLifting({ id: s.id, reason: "" })}>Lift early…</button></p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
