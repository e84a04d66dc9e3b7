// Today at a glance: how much browsing, how much was blocked, and what.
import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { BarChart } from "../components/BarChart";
import { formatCount } from "../format";
import type { Dashboard } from "../types";

export function DashboardPage() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    get<Dashboard>("/dashboard").then(setData, (e) => setError(String(e.message ?? e)));
  }, []);
  if (error) return <p class="error" role="alert">Could not load today's figures: {error}</p>;
  if (!data) return <p aria-busy="true">Loading today's figures…</p>;
  return (
    <>
      <h1>Today</h1>
      <div class="tiles">
        <p class="tile">
          <strong>{formatCount(data.requests)}</strong> requests
        </p>
        <p class="tile">
          <strong>{formatCount(data.blocked)}</strong> blocked
        </p>
      </div>
      <section>
        <h2>Blocked, by category</h2>
        <BarChart bars={data.categories} caption="Blocked requests today, by category" />
      </section>
      <section>
        <h2>Most blocked sites</h2>
        <BarChart bars={data.top_blocked} caption="The sites blocked most often today" />
      </section>
    </>
  );
}
