// A teacher's own class's alerts (issue 14), read only, when the school has
// turned it on in the alert rota. The DSL triages; this page says so. Off,
// or with no class set, the page shows the server's reason and who can
// change it. The list is read again every 30 s while it is open.
import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { queryString } from "../format";
import type { AlertDetail, Ok } from "../types";
import { AlertSummary, AlertTable } from "./AlertParts";

type ClassList = Ok<"/class-alerts", "get">;

function ClassAlertView({ id, back }: { id: number; back: () => void }) {
  const [alert, setAlert] = useState<AlertDetail | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    get<AlertDetail>(`/class-alerts/detail?id=${id}`).then(setAlert, (e) => setError(String(e.message ?? e)));
  }, [id]);
  if (error) return <p class="error" role="alert">Could not load the alert: {error}</p>;
  if (!alert) return <p aria-busy="true">Loading the alert…</p>;
  return (
    <>
      <p><button class="secondary" onClick={back}>Back to the class's alerts</button></p>
      <AlertSummary alert={alert} />
      <p class="muted">The designated safeguarding lead handles this alert. Talk to them if you know more.</p>
    </>
  );
}

export function ClassAlertsPage() {
  const [list, setList] = useState<ClassList | null>(null);
  const [error, setError] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const [openOnly, setOpenOnly] = useState("1");
  useEffect(() => {
    if (open !== null) return;
    const load = () =>
      get<ClassList>(`/class-alerts${queryString({ open: openOnly })}`).then(
        (b) => {
          setList(b);
          setError("");
        },
        (e) => setError(String(e.message ?? e)),
      );
    load();
    const timer = setInterval(load, 30000);
    return () => clearInterval(timer);
  }, [openOnly, open]);
  if (open !== null) return <ClassAlertView id={open} back={() => setOpen(null)} />;
  return (
    <>
      <h1>{list ? `Alerts for ${list.class}` : "Class alerts"}</h1>
      <p class="muted">Read only: the designated safeguarding lead acknowledges and follows up each alert.</p>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select value={openOnly} onChange={(e) => setOpenOnly((e.target as HTMLSelectElement).value)}>
            <option value="1">Not closed</option>
            <option value="">All</option>
          </select>
        </label>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {!list && !error && <p aria-busy="true">Loading the alerts…</p>}
      {list && <AlertTable items={list.items} open={setOpen} href="/class-alerts" />}
    </>
  );
}
