// Self-test: does the filter block what it must, for each group? The last
// run as a grid of groups by categories (pass or fail, through the proxy and
// the DNS filter), what happened in each failed check, the runs before it,
// and "Run now", which starts a run in esafety serve and shows its progress.
// The same check runs every morning and from `esafety selftest`.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { formatTime } from "../format";
import type { SelftestCheck, SelftestRun, SelftestView } from "../types";

const kTriggerWords: Record<SelftestRun["trigger"], string> = {
  daily: "the daily run",
  console: "run from the console",
  cli: "esafety selftest",
};

export function SelftestPage() {
  const [view, setView] = useState<SelftestView | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const load = () => get<SelftestView>("/selftest").then(setView, (e) => setError((e as Error).message));
  const running = view?.progress?.running ?? false;

  useEffect(() => {
    load();
  }, []);
  useEffect(() => {
    // While a run is going, follow its progress; otherwise look now and then.
    const timer = setInterval(load, running ? 500 : 10000);
    return () => clearInterval(timer);
  }, [running]);

  async function runNow() {
    setBusy(true);
    setError("");
    try {
      await post("/selftest/run", {});
      await load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const last = view?.runs[0];
  return (
    <>
      <h1>Filter self-test</h1>
      <p>
        Each group's self-test device asks for known test sites in each category (the IWF and CTIRU test
        names, adult content, extremism, gambling and, for pupils, the rest) through the filter. A test
        site that gets through is a failure, and raises a level-4 alert.
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      {!view && !error && <p aria-busy="true">Loading…</p>}
      {view && view.can_run && (
        <p>
          <button type="button" onClick={runNow} disabled={busy || running}>Run now</button>{" "}
          {running && view.progress && (
            <span role="status">Checking… {view.progress.done} of {view.progress.total || "?"}
              <progress max={view.progress.total || 1} value={view.progress.done} /></span>
          )}
          {!running && view.progress?.last_error && <span class="error" role="alert">{view.progress.last_error}</span>}
        </p>
      )}
      {view && !last && <p>No run yet.</p>}
      {last && <RunGrid run={last} />}
      {view && view.runs.length > 0 && <RunList runs={view.runs} />}
    </>
  );
}

// Pass only when every check of the group and category passed.
function cell(checks: SelftestCheck[]): { passed: boolean; title: string } {
  return {
    passed: checks.every((c) => c.passed),
    title: checks.map((c) => `${c.path} ${c.target}: ${c.outcome} (${c.detail})`).join("\n"),
  };
}

function RunGrid({ run }: { run: SelftestRun }) {
  const groups = [...new Set(run.results.map((r) => r.group))];
  const categories = [...new Set(run.results.map((r) => r.category))];
  const failed = run.results.filter((r) => !r.passed);
  return (
    <section aria-labelledby="last-run">
      <h2 id="last-run">
        Last run: {run.passed ? "passed" : `${run.failures} of ${run.checks} checks failed`}
      </h2>
      <p>{formatTime(run.started_ms)}, {kTriggerWords[run.trigger]}{run.actor ? ` (${run.actor})` : ""}.</p>
      <table class="grid selftest">
        <thead>
          <tr><th scope="col">Group</th>{categories.map((c) => <th scope="col" key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g}>
              <th scope="row">{g}</th>
              {categories.map((c) => {
                const checks = run.results.filter((r) => r.group === g && r.category === c);
                if (checks.length === 0) {
                  return <td key={c} data-group={g} data-category={c} title="Not tested for this group">–</td>;
                }
                const { passed, title } = cell(checks);
                return <td key={c} class={passed ? "pass" : "fail"} title={title}
                  data-group={g} data-category={c}>{passed ? "Pass" : "FAIL"}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {failed.length > 0 && (
        <>
          <h3>What got through</h3>
          <ul class="failures">
            {failed.map((r) => (
              <li key={`${r.group}/${r.category}/${r.path}/${r.target}`}>
                The filter is not blocking <strong>{r.category}</strong> for <strong>{r.group}</strong>:{" "}
                {r.path === "proxy" ? "through the proxy" : "through DNS"}, {r.target}: {r.outcome} ({r.detail})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RunList({ runs }: { runs: SelftestRun[] }) {
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Recent runs</h2>
      <table>
        <thead><tr><th scope="col">When</th><th scope="col">How</th><th scope="col">Result</th></tr></thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>{formatTime(r.started_ms)}</td>
              <td>{kTriggerWords[r.trigger]}</td>
              <td>{r.passed ? `Passed (${r.checks} checks)` : `${r.failures} of ${r.checks} failed`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
