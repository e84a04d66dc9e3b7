// Reports: the termly report and the DfE evidence pack for governors and
// inspectors. Pick the first and last day; the pack is made in esafety serve
// in the background (progress shown, polled), then the zip can be downloaded
// and the report opened to view or print (it prints cleanly to PDF). The
// same as `esafety report --from --to --out DIR`; making one is audited.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { formatTime } from "../format";
import type { ReportJob, ReportsView } from "../types";

// The first day of the current school term, roughly: 1 September, 1 January
// or 20 April, whichever last passed.
function termStart(today: Date): string {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  if (m >= 9) return `${y}-09-01`;
  if (m >= 5 || (m === 4 && today.getDate() >= 20)) return `${y}-04-20`;
  return `${y}-01-01`;
}

function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function ReportsPage() {
  const today = new Date();
  const [from, setFrom] = useState(termStart(today));
  const [to, setTo] = useState(localDay(today));
  const [job, setJob] = useState<ReportJob | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const load = () => get<ReportsView>("/reports").then((v) => setJob(v.job), (e) => setError((e as Error).message));
  const running = job?.phase === "running";

  useEffect(() => {
    load();
  }, []);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(load, 300);
    return () => clearInterval(timer);
  }, [running]);

  async function make(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const started = await post<ReportsView>("/reports", { from, to });
      setJob(started.job);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Reports</h1>
      <p>
        The termly report for governors: blocks by category and group, alerts by level, how quickly they
        were acknowledged, escalations, false positives per rule, local allow and deny changes with their
        reasons, and the filter self-test. The evidence pack adds the CSV behind each table, the filter
        configuration with each decision's reason, the monitoring rules and the audit of changes.
      </p>
      <form onSubmit={make} class="inline">
        <label>From <input type="date" name="from" value={from} required
          onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>{" "}
        <label>To <input type="date" name="to" value={to} required
          onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>{" "}
        <button type="submit" disabled={busy || running}>Make the report</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {job && <JobStatus job={job} />}
    </>
  );
}

function JobStatus({ job }: { job: ReportJob }) {
  if (job.phase === "idle") return <p>No report made yet since esafety last started.</p>;
  if (job.phase === "running") {
    return (
      <p role="status">
        Making the report for {job.from} to {job.to}: {job.step}…{" "}
        <progress max={job.total || 1} value={job.done} aria-label="Report progress" />
      </p>
    );
  }
  if (job.phase === "failed") return <p class="error" role="alert">The report could not be made: {job.error}</p>;
  return (
    <section aria-labelledby="made">
      <h2 id="made">Report for {job.from} to {job.to}</h2>
      <p>Made by {job.started_by}, {formatTime(job.started_ms)}.</p>
      <p>
        <a href="/api/v1/reports/pack" download={job.zip_name}>Download the evidence pack ({job.zip_name})</a>
        {" · "}
        <a href="/api/v1/reports/html" target="_blank" rel="noopener">View or print the report</a>
      </p>
    </section>
  );
}
