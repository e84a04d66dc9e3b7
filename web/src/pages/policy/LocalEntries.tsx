// The school's own allow and block entries: adding one (kept as a draft, so
// it survives the session ending), and removing one, each with a reason.
import { useState } from "preact/hooks";
import { post } from "../../api";
import { useDraft } from "../../draft";
import { formatTime } from "../../format";
import { RemoveWithReason } from "./RemoveWithReason";
import type { Done, LocalEntry, OnChanged } from "./types";

const kNewEntry = { pattern: "", action: "block", group: "", reason: "" };

interface Props {
  entries: LocalEntry[];
  groups: string[];
  onChanged: OnChanged;
}

export function LocalEntries({ entries, groups, onChanged }: Props) {
  const [form, setForm, clearForm] = useDraft("policy-entry", kNewEntry);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const set = (name: keyof typeof kNewEntry) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  async function add(e: Event) {
    e.preventDefault();
    setError("");
    setDone("");
    try {
      const answer = await post<Done>("/policy/entries", form);
      setDone(answer.done);
      clearForm();
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function remove(entry: LocalEntry, reason: string) {
    const answer = await post<Done>("/policy/entries/remove", { id: entry.id, reason });
    setError("");
    setDone(answer.done);
    onChanged();
  }

  return (
    <section aria-labelledby="entries-title">
      <h2 id="entries-title">Sites the school allows or blocks itself</h2>
      <form class="filters" onSubmit={add} aria-label="Allow or block a site">
        <label class="wide">
          Site to allow or block
          <input name="pattern" required value={form.pattern} onInput={set("pattern")} placeholder="example.com or example.com/page" />
        </label>
        <label>
          Allow or block
          <select name="action" value={form.action} onChange={set("action")}>
            <option value="block">Block</option>
            <option value="allow">Allow</option>
          </select>
        </label>
        <label>
          For which group
          <select name="for" value={form.group} onChange={set("group")}>
            <option value="">Every group</option>
            {groups.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <label class="wide">
          Reason (kept in the record)
          <input name="reason" required value={form.reason} onInput={set("reason")} />
        </label>
        <button type="submit">Save the entry</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
      {entries.length === 0 ? <p>None yet.</p> : (
        <table class="activity entries">
          <caption class="visually-hidden">Local allow and block entries, with who added them and why</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Allowed or blocked</th>
              <th scope="col">For</th>
              <th scope="col">Why</th>
              <th scope="col">Added by</th>
              <th scope="col"><span class="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td class="url">{e.pattern}</td>
                <td>{e.action === "block" ? "Blocked" : "Allowed"}</td>
                <td>{e.group || "Everyone"}</td>
                <td>{e.reason}</td>
                <td>{e.added_by}, {formatTime(e.added_at_ms)}</td>
                <td>
                  <RemoveWithReason what={`the entry for ${e.pattern}`} onRemove={(reason) => remove(e, reason)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
