// Monitoring alerts for the DSL, the deputy DSL and the head: the list by
// level and age, filtered by person, class, category and state; one alert's
// who, when, evidence and why, and who was told; triage, each action with a
// note (kept sealed); and the rota that decides who is told.
// New and changed alerts arrive live (GET /api/v1/alerts/stream) while the
// list is open, without a reload.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { formatTime, queryString } from "../format";
import { useLiveStream } from "../liveStream";
import type { Alert, AlertDetail, AlertState, Ok, TriageAction } from "../types";
import { AlertSummary, AlertTable, who } from "./AlertParts";
import { AlertEscalations } from "./AlertEscalations";
import { AlertRotaPanel } from "./AlertRota";

const kActionWords: Record<TriageAction, string> = {
  acknowledge: "Acknowledge",
  false_positive: "False positive",
  no_concern: "No concern, note made",
  monitor: "Monitor",
  incident: "Open an incident",
};

// The actions an alert's state allows: acknowledge first, then the rest.
function actionsFor(state: AlertState): TriageAction[] {
  if (state === "open") return ["acknowledge"];
  if (state === "false_positive" || state === "no_concern") return [];
  return ["monitor", "incident", "no_concern", "false_positive"];
}

type Filters = { person: string; group: string; category: string; state: string; open: string };

// Whether a pushed alert belongs in the list the filters show.
function matches(a: Alert, f: Filters): boolean {
  if (f.person && a.person.user !== f.person && a.person.device !== f.person) return false;
  if (f.group && a.person.group !== f.group) return false;
  if (f.category && a.category !== f.category) return false;
  if (f.state && a.state !== f.state) return false;
  if (f.open && (a.state === "false_positive" || a.state === "no_concern")) return false;
  return true;
}

// The list with `a` put in (or taken out), highest level first, then newest.
function merged(items: Alert[], a: Alert, f: Filters): Alert[] {
  const rest = items.filter((x) => x.id !== a.id);
  if (matches(a, f)) rest.push(a);
  return rest.sort((x, y) => y.level - x.level || y.last_seen_ms - x.last_seen_ms);
}

function Triage({ alert, done }: { alert: AlertDetail; done: () => void }) {
  const choices = actionsFor(alert.state);
  const [action, setAction] = useState<TriageAction | "">(choices[0] ?? "");
  useEffect(() => setAction(choices[0] ?? ""), [alert.state]);
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  if (choices.length === 0) return <p>This alert is closed.</p>;
  async function submit(e: Event) {
    e.preventDefault();
    setError("");
    try {
      await post("/alerts/triage", { id: alert.id, action, note });
      setNote("");
      done();
    } catch (err) {
      setError(String((err as Error).message ?? err));
    }
  }
  return (
    <form class="triage" onSubmit={submit}>
      <label>
        What was done
        <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value as TriageAction)}>
          {choices.map((c) => (
            <option key={c} value={c}>{kActionWords[c]}</option>
          ))}
        </select>
      </label>
      <label>
        Note (needed; kept sealed)
        <textarea required value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={!action || !note.trim()}>Save</button>
    </form>
  );
}

function AlertView({ id, back }: { id: number; back: () => void }) {
  const [alert, setAlert] = useState<AlertDetail | null>(null);
  const [error, setError] = useState("");
  const load = () =>
    get<AlertDetail>(`/alerts/detail?id=${id}`).then(setAlert, (e) => setError(String(e.message ?? e)));
  useEffect(() => {
    load();
  }, [id]);
  if (error) return <p class="error" role="alert">Could not load the alert: {error}</p>;
  if (!alert) return <p aria-busy="true">Loading the alert…</p>;
  return (
    <>
      <p><button class="secondary" onClick={back}>Back to the alerts</button></p>
      <AlertSummary alert={alert} />
      <h2>What was done</h2>
      {alert.actions.length === 0 && <p>Nothing yet.</p>}
      <ul>
        {alert.actions.map((a) => (
          <li key={a.id}>
            {formatTime(a.at_ms)}, {a.by}: <strong>{kActionWords[a.action]}</strong>. {a.note || a.note_error}
          </li>
        ))}
      </ul>
      <AlertEscalations steps={alert.escalations} />
      <Triage alert={alert} done={load} />
    </>
  );
}

export function AlertsPage() {
  const [items, setItems] = useState<Alert[] | null>(null);
  const [error, setError] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const [filters, setFilters] = useState<Filters>({ person: "", group: "", category: "", state: "", open: "1" });
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [announce, setAnnounce] = useState("");
  const live = useLiveStream<Alert>("/alerts/stream", "alert", (a) => {
    setItems((now) => (now ? merged(now, a, filters) : now));
    setFresh((now) => new Set(now).add(a.id));
    setAnnounce(`Alert: level ${a.level}, ${a.category}, ${who(a)}`);
  }, open === null);
  useEffect(() => {
    if (open !== null) return;
    get<Ok<"/alerts", "get">>(`/alerts${queryString(filters)}`).then(
      (b) => setItems(b.items),
      (e) => setError(String(e.message ?? e)),
    );
  }, [filters, open]);
  if (open !== null) return <AlertView id={open} back={() => setOpen(null)} />;
  const field = (name: keyof typeof filters, label: string) => (
    <label>
      {label}
      <input value={filters[name]} onChange={(e) => setFilters({ ...filters, [name]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  return (
    <>
      <h1>Alerts</h1>
      <p class="muted" data-live={live}>
        {live === "live" ? "Live: new alerts appear here as they happen." : live === "reconnecting" ? "Reconnecting… new alerts will appear when the link is back." : "Connecting…"}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">{announce}</p>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {field("person", "Pupil or device")}
        {field("group", "Class or group")}
        {field("category", "Category")}
        <label>
          Show
          <select value={filters.open} onChange={(e) => setFilters({ ...filters, open: (e.target as HTMLSelectElement).value })}>
            <option value="1">Not closed</option>
            <option value="">All</option>
          </select>
        </label>
      </form>
      {error && <p class="error" role="alert">Could not load the alerts: {error}</p>}
      {!items && !error && <p aria-busy="true">Loading the alerts…</p>}
      {items && <AlertTable items={items} fresh={fresh} open={setOpen} href="/alerts" />}
      <AlertRotaPanel />
    </>
  );
}
