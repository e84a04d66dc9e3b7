// Everyone the school has added: staff, pupils, the year-group logins and
// the visitor login, with any sanction on them; the pupil import; making the
// missing year-group logins (their passwords are shown once).
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { PupilImport } from "../components/PupilImport";
import { formatDay } from "../format";
import type { NewLogin, Ok, Person, Sanction } from "../types";

const kKinds: [string, string][] = [
  ["", "Everyone"],
  ["staff", "Staff"],
  ["pupil", "Pupils"],
  ["year-group", "Year-group logins"],
  ["visitor", "Visitor login"],
];

const kKindWords: Record<string, string> = {
  staff: "Staff", pupil: "Pupil", "year-group": "Year-group login", visitor: "Visitor login",
};

export function sanctionWords(s: Sanction): string {
  const what = s.kind === "deactivate" ? "Deactivated" : "Restricted to allowed sites";
  return `${what} ${s.until_ms ? `until ${formatDay(s.until_ms - 1000)}` : "until lifted"}: ${s.reason}`;
}

export function PeoplePage() {
  const [people, setPeople] = useState<Person[] | null>(null);
  const [kind, setKind] = useState("");
  const [search, setSearch] = useState("");
  const [error, setError] = useState("");
  const [logins, setLogins] = useState<NewLogin[] | null>(null);

  const load = () => get<Ok<"/people", "get">>("/people").then((b) => setPeople(b.people), (e) => setError(String(e.message ?? e)));
  useEffect(() => { load(); }, []);

  async function makeYearLogins() {
    try {
      setLogins((await post<Ok<"/people/year-logins", "post">>("/people/year-logins")).created);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const needle = search.trim().toLowerCase();
  const shown = (people ?? []).filter((p) => (!kind || p.kind === kind) &&
    (!needle || `${p.name} ${p.login} ${p.upn} ${p.class}`.toLowerCase().includes(needle)));

  return (
    <>
      <h1>People</h1>
      <PupilImport onImported={load} />
      <section aria-labelledby="year-title">
        <h2 id="year-title">Year-group logins</h2>
        <p>Pupils sign in to browse with their year group's shared login (reception, year1 … year6).</p>
        <button class="secondary" onClick={makeYearLogins}>Make the missing year-group logins</button>
        {logins && logins.length === 0 && <p role="status">Every year group has its login already.</p>}
        {logins && logins.length > 0 && (
          <div role="status">
            <p>Write these down now: the passwords are shown only once.</p>
            <ul>{logins.map((l) => <li key={l.login}><strong>{l.login}</strong>: <code>{l.password}</code></li>)}</ul>
          </div>
        )}
      </section>
      {error && <p class="error" role="alert">{error}</p>}
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {kKinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>
          Find a name, login or UPN
          <input type="search" name="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
      </form>
      {!people && !error && <p aria-busy="true">Loading…</p>}
      {people && (
        <table class="activity people">
          <caption class="visually-hidden">People</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Login or UPN</th>
              <th scope="col">Year and class</th>
              <th scope="col">Role</th>
              <th scope="col">Sanction</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id} class={p.sanctions.length ? "blocked" : undefined}>
                <td>{p.name}</td>
                <td>{kKindWords[p.kind] ?? p.kind}</td>
                <td>{p.login || p.upn}</td>
                <td>{[p.year_name, p.class].filter(Boolean).join(", ")}</td>
                <td>{p.kind === "staff" ? p.role.replace("_", " ") : ""}</td>
                <td>{p.sanctions.map(sanctionWords).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {people && shown.length === 0 && <p>Nobody matches.</p>}
    </>
  );
}
