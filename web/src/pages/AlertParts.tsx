// What the DSL's Alerts page and a teacher's Class alerts page show alike:
// the words for an alert's state, who it is about, the table of alerts, and
// one alert's who, when, why and evidence.
import { formatTime } from "../format";
import type { Alert, AlertDetail, AlertState } from "../types";

export const kStateWords: Record<AlertState, string> = {
  open: "New",
  acknowledged: "Acknowledged",
  monitor: "Monitoring",
  incident: "Incident opened",
  false_positive: "False positive",
  no_concern: "No concern",
};

export function who(a: Alert): string {
  return a.person.user || a.person.device || a.person.client_ip;
}

// The list, highest level first as the server sends it; `fresh` rows (just
// pushed) are marked; a name opens the alert.
export function AlertTable({ items, fresh, open, href }: {
  items: Alert[];
  fresh?: Set<number>;
  open: (id: number) => void;
  href: string;
}) {
  if (items.length === 0) return <p>No alerts match.</p>;
  return (
    <table>
      <thead>
        <tr><th>Level</th><th>Who</th><th>Category</th><th>Last seen</th><th>Evidence</th><th>State</th></tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} class={fresh?.has(a.id) ? "fresh" : undefined} data-alert-id={a.id}>
            <td>{a.level}</td>
            <td><a href={href} onClick={(e) => { e.preventDefault(); open(a.id); }}>{who(a)}</a> {a.person.group && <span class="muted">({a.person.group})</span>}</td>
            <td>{a.category}</td>
            <td>{formatTime(a.last_seen_ms)}</td>
            <td>{a.evidence_count}</td>
            <td>{kStateWords[a.state]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// Level, category and state; who, when and why; the evidence in order.
export function AlertSummary({ alert }: { alert: AlertDetail }) {
  return (
    <>
      <h1>
        Level {alert.level}: {alert.category} <span class="muted">· {kStateWords[alert.state]}</span>
      </h1>
      <dl>
        <dt>Who</dt>
        <dd>
          {who(alert)}
          {alert.person.group ? ` (${alert.person.group})` : ""}
          {alert.person.device ? `, on ${alert.person.device}` : ""}
        </dd>
        <dt>When</dt>
        <dd>{formatTime(alert.first_seen_ms)} to {formatTime(alert.last_seen_ms)}</dd>
        <dt>Why</dt>
        <dd>Rule “{alert.rule}”: {alert.why}</dd>
      </dl>
      <h2>Evidence ({alert.evidence_kept} kept of {alert.evidence_count})</h2>
      <ol class="evidence">
        {alert.evidence.map((e) => (
          <li key={`${e.source}-${e.source_id}`}>
            {formatTime(e.time_ms)}: {e.why}
            {e.event ? <span class="muted"> · {e.event.url}</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
