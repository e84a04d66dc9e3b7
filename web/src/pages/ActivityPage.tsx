// The activity log: who went where and what was decided, searchable by
// pupil or device, group, decision, category, site and time, with CSV export.
import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { decisionWords, formatTime, queryString } from "../format";
import type { ActivityPage as Page } from "../types";

const kPageSize = 100;

interface Filters {
  user: string;
  group: string;
  decision: string;
  category: string;
  host: string;
  from: string;
  to: string;
}

const kEmpty: Filters = { user: "", group: "", decision: "", category: "", host: "", from: "", to: "" };

export function ActivityPage() {
  const [filters, setFilters] = useState<Filters>(kEmpty);
  const [applied, setApplied] = useState<Filters>(kEmpty);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    setPage(null);
    setError("");
    get<Page>(`/events${queryString({ ...applied, limit: kPageSize, offset })}`).then(setPage, (e) =>
      setError(String(e.message ?? e)),
    );
  }, [applied, offset]);

  const set = (name: keyof Filters) => (e: { currentTarget: HTMLInputElement }) =>
    setFilters({ ...filters, [name]: e.currentTarget.value });
  const field = (name: keyof Filters, label: string) => (
    <label>
      {label}
      <input type="text" name={name} value={filters[name]} onInput={set(name)} />
    </label>
  );
  const timeField = (name: keyof Filters, label: string) => (
    <label>
      {label}
      <input type="datetime-local" name={name} value={filters[name]} onInput={set(name)} />
    </label>
  );

  return (
    <>
      <h1>Activity</h1>
      {/* A new object each time, so that Search with the same filters searches
          again and shows what has happened since. */}
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setOffset(0); setApplied({ ...filters }); }}>
        {field("user", "Pupil or device")}
        {field("group", "Group")}
        <label>
          Decision
          <select name="decision" value={filters.decision}
            onChange={(e) => setFilters({ ...filters, decision: e.currentTarget.value })}>
            <option value="">Any</option>
            <option value="block">Blocked</option>
            <option value="allow">Allowed</option>
            <option value="rewrite">Safe search</option>
          </select>
        </label>
        {field("category", "Category")}
        {field("host", "Site")}
        {timeField("from", "From")}
        {timeField("to", "To")}
        <button type="submit">Search</button>
        <a class="button secondary" href={`/api/v1/events.csv${queryString({ ...applied })}`} download>
          Download CSV
        </a>
      </form>
      {error && <p class="error" role="alert">Could not search the log: {error}</p>}
      {!page && !error && <p aria-busy="true">Searching…</p>}
      {page && page.events.length === 0 && <p>No activity matches.</p>}
      {page && page.events.length > 0 && (
        <table class="activity">
          <caption class="visually-hidden">Activity, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Who</th>
              <th scope="col">Group</th>
              <th scope="col">Decision</th>
              <th scope="col">Category</th>
              <th scope="col">Site or search</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((e) => (
              <tr key={e.id} class={e.decision === "block" ? "blocked" : undefined}>
                <td>{formatTime(e.time_ms)}</td>
                <td>{e.user || e.device || e.client_ip}{e.user && e.device ? ` (${e.device})` : ""}</td>
                <td>{e.group}</td>
                <td>{decisionWords(e.decision)}</td>
                <td>{e.category || "–"}</td>
                <td class="url">
                  {e.search_terms ? <>Searched “{e.search_terms}”</> : e.url}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        {offset > 0 && <button onClick={() => setOffset(Math.max(0, offset - kPageSize))}>Newer</button>}
        {page?.more && <button onClick={() => setOffset(offset + kPageSize)}>Older</button>}
      </nav>
    </>
  );
}
