// The filter policy, to read: each group's blocked and allowed categories
// and time rules, the local allow and deny entries with who added each and
// why, and "Check a site": the filter's own decision, explained.
import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { useDraft } from "../draft";
import { formatTime, queryString } from "../format";

interface PolicyGroup {
  name: string;
  description: string;
  blocked_categories: string[];
  allowed_categories: string[];
  uncategorised: string;
  allow_list_only: boolean;
  safe_search: boolean;
  time_rules: string[];
}
interface Policy {
  groups: PolicyGroup[];
  categories: { name: string; title: string; unoverridable: boolean }[];
  entries: { id: number; group: string; pattern: string; action: string; added_by: string; added_at_ms: number; reason: string }[];
}
interface Explanation {
  target: string;
  group: string;
  verdict: string;
  reason: string;
  steps?: unknown;
}

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
  useEffect(() => { get<Policy>("/policy").then(setPolicy, (e) => setError(String(e.message ?? e))); }, []);
  if (error) return <p class="error" role="alert">Could not load the policy: {error}</p>;
  if (!policy) return <p aria-busy="true">Loading the policy…</p>;
  const title = (name: string) => policy.categories.find((c) => c.name === name)?.title ?? name;
  return (
    <>
      <h1>Filter policy</h1>
      <CheckASite groups={policy.groups.map((g) => g.name)} />
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
      <h2>Sites the school allows or blocks itself</h2>
      {policy.entries.length === 0 ? <p>None yet.</p> : (
        <table class="activity">
          <caption class="visually-hidden">Local allow and block entries, with who added them and why</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Allowed or blocked</th>
              <th scope="col">For</th>
              <th scope="col">Why</th>
              <th scope="col">Added by</th>
            </tr>
          </thead>
          <tbody>
            {policy.entries.map((e) => (
              <tr key={e.id}>
                <td>{e.pattern}</td>
                <td>{e.action === "block" ? "Blocked" : "Allowed"}</td>
                <td>{e.group || "Everyone"}</td>
                <td>{e.reason}</td>
                <td>{e.added_by}, {formatTime(e.added_at_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
