// One group of the filter policy, to change: how it treats each category
// (Blocked, Allowed, or the group's default), sites in no category, and its
// time rules. Changes are chosen first, then saved together with one reason.
import { useState } from "preact/hooks";
import { post } from "../../api";
import { RemoveWithReason } from "./RemoveWithReason";
import { TimeRuleForm } from "./TimeRuleForm";
import type { Done, OnChanged, PolicyCategory, PolicyGroup } from "./types";

type Choice = "block" | "allow" | "none";

function choiceFor(group: PolicyGroup, category: string): Choice {
  if (group.allowed_categories.includes(category)) return "allow";
  if (group.blocked_categories.includes(category)) return "block";
  return "none";
}

interface Props {
  group: PolicyGroup;
  categories: PolicyCategory[];
  onChanged: OnChanged;
}

export function GroupEditor({ group, categories, onChanged }: Props) {
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [uncategorised, setUncategorised] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string[]>([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  // "uncategorised" is a rule of the group, not a list: it has its own select.
  const listed = categories.filter((c) => c.name !== "uncategorised");
  const id = `group-${group.name.replace(/[^A-Za-z0-9]+/g, "-")}`;

  async function save(e: Event) {
    e.preventDefault();
    setError("");
    setDone([]);
    const changes = Object.entries(choices).filter(([name, choice]) => choice !== choiceFor(group, name));
    const uncategorisedChanged = uncategorised !== null && uncategorised !== group.uncategorised;
    if (changes.length === 0 && !uncategorisedChanged) {
      setError("Nothing has changed yet: choose Blocked, Allowed or Group default for a category first.");
      return;
    }
    setBusy(true);
    const said: string[] = [];
    try {
      for (const [category, action] of changes) {
        const answer = await post<Done>("/policy/group-category", { group: group.name, category, action, reason });
        said.push(answer.done);
      }
      if (uncategorisedChanged) {
        const answer = await post<Done>("/policy/uncategorised", { group: group.name, action: uncategorised, reason });
        said.push(answer.done);
      }
      setChoices({});
      setUncategorised(null);
      setReason("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setDone(said);
      setBusy(false);
      if (said.length > 0) onChanged();
    }
  }

  async function removeRule(index: number, text: string, why: string) {
    const answer = await post<Done>("/policy/time-rules/remove", { group: group.name, index, rule: text, reason: why });
    setDone([answer.done]);
    setError("");
    onChanged();
  }

  const title = (name: string) => categories.find((c) => c.name === name)?.title ?? name;
  return (
    <details class="group" id={id}>
      <summary>
        <strong>{group.name}</strong>
        {group.description ? <span class="muted"> {group.description}</span> : null}
      </summary>
      <form onSubmit={save} aria-labelledby={`${id}-categories`}>
        <h3 id={`${id}-categories`}>Categories for {group.name}</h3>
        {group.allow_list_only && (
          <p>This group reaches only the sites it allows: everything else is blocked.</p>
        )}
        <table class="activity categories">
          <caption class="visually-hidden">How {group.name} treats each category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">For {group.name}</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  {c.title}
                  {c.unoverridable && <span class="muted"> (illegal content: always blocked)</span>}
                </th>
                <td>
                  <select name={c.name} aria-label={`${c.title} for ${group.name}`}
                    value={choices[c.name] ?? choiceFor(group, c.name)}
                    onChange={(e) => setChoices({ ...choices, [c.name]: e.currentTarget.value as Choice })}>
                    <option value="block">Blocked</option>
                    <option value="allow">Allowed</option>
                    <option value="none">Group default</option>
                  </select>
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Sites in no category</th>
              <td>
                <select name="uncategorised" aria-label={`Sites in no category for ${group.name}`}
                  value={uncategorised ?? group.uncategorised}
                  onChange={(e) => setUncategorised(e.currentTarget.value)}>
                  <option value="block">Blocked</option>
                  <option value="allow">Allowed</option>
                </select>
              </td>
            </tr>
          </tbody>
        </table>
        <div class="save-row">
          <label class="wide">
            Reason for the change
            <input name="reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy}>Save changes to {group.name}</button>
        </div>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {done.length > 0 && <p role="status">{done.join(" ")}</p>}
      <h3>Times for {group.name}</h3>
      {group.rules.length === 0 ? <p>No time rules.</p> : (
        <ul class="rules">
          {group.rules.map((r) => (
            <li key={`${r.index}-${r.text}`}>
              <span>
                {r.text.replace(/ (allow|block) (\S+)$/, (_, action: string, category: string) =>
                  ` ${action === "allow" ? "allows" : "blocks"} ${title(category)}`)}
                {r.note ? <span class="muted"> ({r.note})</span> : null}
              </span>
              <RemoveWithReason what={`the time rule ${r.text}`} onRemove={(why) => removeRule(r.index, r.text, why)} />
            </li>
          ))}
        </ul>
      )}
      <TimeRuleForm group={group.name} categories={listed} onSaved={(text) => { setDone([text]); setError(""); onChanged(); }} />
    </details>
  );
}
