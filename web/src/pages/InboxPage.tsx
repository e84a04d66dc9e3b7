// Requests from the block page: "Tell a teacher" and "Ask for this site to
// be checked", with what was blocked and for whom.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { formatTime } from "../format";
import type { InboxItem, Ok } from "../types";

export function InboxPage() {
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    get<Ok<"/inbox", "get">>("/inbox").then((b) => setItems(b.items), (e) => setError(String(e.message ?? e)));
  }, []);
  async function mark(item: InboxItem, status: InboxItem["status"]) {
    try {
      await post("/inbox/status", { id: item.id, status });
      setItems((list) => list && list.map((i) => (i.id === item.id ? { ...i, status } : i)));
    } catch (e) {
      setError(String((e as Error).message ?? e));
    }
  }
  if (error) return <p class="error" role="alert">Could not load the inbox: {error}</p>;
  if (!items) return <p aria-busy="true">Loading the inbox…</p>;
  return (
    <>
      <h1>Inbox</h1>
      {items.length > 0 && (
        <p>
          {items.filter((i) => i.status !== "done").length} waiting, newest first.
        </p>
      )}
      {items.length === 0 && <p>Nobody has asked for anything from a block page.</p>}
      <ul class="inbox">
        {items.map((item) => (
          <li key={item.id}>
            <h2>
              {item.kind === "tell-teacher" ? "Told a teacher" : "Asked for a site to be checked"}
              <span class="muted"> · {formatTime(item.time_ms)}</span>
            </h2>
            <p>
              {item.user || item.device || item.client_ip}
              {item.group ? ` (${item.group})` : ""} was blocked from <strong>{item.url || "a site"}</strong>
              {item.category ? ` (${item.category})` : ""}. Reference {item.reference}.
            </p>
            {item.message && <blockquote>{item.message}</blockquote>}
            <p class="inbox-actions">
              {item.status === "done" ? (
                <>
                  <strong>Done.</strong>{" "}
                  <button class="secondary" onClick={() => mark(item, "new")}>Mark as not done</button>
                </>
              ) : (
                <button onClick={() => mark(item, "done")}>Mark as done</button>
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
