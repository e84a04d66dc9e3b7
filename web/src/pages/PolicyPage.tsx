// The filter policy: "Check a site" (the filter's own decision, explained),
// each group's blocked and allowed categories and time rules, to read and to
// change, and the school's own allow and block entries. Every change needs a
// reason and is audited with who made it; a running filter applies it within
// a few seconds. After each change the page loads the policy again and says
// what changed in plain words.
import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { useDraft } from "../draft";
import { queryString } from "../format";
import { GroupEditor } from "./policy/GroupEditor";
import { LocalEntries } from "./policy/LocalEntries";
import type { Explanation } from "../types";
import type { Policy } from "./policy/types";

function CheckASite({ groups }: { groups: string[] }) {
  const [form, setForm] = useDraft("policy-check", { url: "", group: "" });
  const [answer, setAnswer] = useState<Explanation | null>(null);
  const [error, setError] = useState("");
  async function check(e: Event) {
    e.preventDefault();
    setError("");
    setAnswer(null);
    try {
      setAnswer(await get<Explanation>(`/policy/check${queryString({ url: form.url, group: form.group || groups[0] })}`));
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title">Check a site</h2>
      <form class="filters" onSubmit={check}>
        <label class="wide">
          Web address or site
          <input name="url" required value={form.url} onInput={(e) => setForm({ ...form, url: e.currentTarget.value })} />
        </label>
        <label>
          For
          <select name="group" value={form.group || groups[0]} onChange={(e) => setForm({ ...form, group: e.currentTarget.value })}>
            {groups.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <button type="submit">Check</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {answer && (
        <p role="status" class="check-answer">
          <strong>{answer.verdict === "block" ? "Blocked" : answer.verdict === "rewrite" ? "Allowed, with safe search" : "Allowed"}</strong>{" "}
          for {answer.group}: {answer.reason}
        </p>
      )}
    </section>
  );
}

export function PolicyPage() {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [error, setError] = useState("");
  // Loads (again): the policy on show stays until the new one arrives.
  const load = () => {
    get<Policy>("/policy").then((p) => { setPolicy(p); setError(""); }, (e) => setError(String(e.message ?? e)));
  };
  useEffect(load, []);
  if (!policy) {
    return error ? <p class="error" role="alert">Could not load the policy: {error}</p> : <p aria-busy="true">Loading the policy…</p>;
  }
  const title = (name: string) => policy.categories.find((c) => c.name === name)?.title ?? name;
  const groups = policy.groups.map((g) => g.name);
  return (
    <>
      <h1>Filter policy</h1>
      {error && <p class="error" role="alert">Could not load the policy again: {error}</p>}
      <CheckASite groups={groups} />
      <h2>Groups</h2>
      <table class="activity">
        <caption class="visually-hidden">What each group may reach</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Blocked</th>
            <th scope="col">Allowed</th>
            <th scope="col">Sites in no category</th>
            <th scope="col">Times</th>
          </tr>
        </thead>
        <tbody>
          {policy.groups.map((g) => (
            <tr key={g.name}>
              <td><strong>{g.name}</strong>{g.description ? <span class="muted"> {g.description}</span> : null}</td>
              <td>{g.allow_list_only ? "Everything not allowed" : g.blocked_categories.map(title).join(", ")}</td>
              <td>{g.allowed_categories.map(title).join(", ")}</td>
              <td>{g.uncategorised === "block" ? "Blocked" : "Allowed"}{g.safe_search ? "; safe search on" : ""}</td>
              <td>{g.time_rules.join("; ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="change-groups-title">
        <h2 id="change-groups-title">Change a group</h2>
        <p>
          Open a group to block or allow categories for it, or to add or remove a time rule. Illegal content
          (IWF and police lists) is always blocked: nobody can allow it.
        </p>
        {policy.groups.map((g) => (
          <GroupEditor key={g.name} group={g} categories={policy.categories} onChanged={load} />
        ))}
      </section>
      <LocalEntries entries={policy.entries} groups={groups} onChanged={load} />
    </>
  );
}
