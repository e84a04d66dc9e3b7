// A live server-sent event stream from the console (EventSource), for the
// pages that show changes as they happen: the alerts page
// (/api/v1/alerts/stream). The browser reconnects by itself after a drop
// (the stream says "retry: 3000"); the hook says whether it is live, so the
// page can tell the person when it is not.
//
//   const status = useLiveStream<Alert>("/alerts/stream", "alert", (a) => merge(a));
import { useEffect, useRef, useState } from "preact/hooks";

export type LiveStatus = "connecting" | "live" | "reconnecting";

export function useLiveStream<T>(path: string, event: string, onItem: (item: T) => void, enabled = true): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handler = useRef(onItem);
  handler.current = onItem;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/v1${path}`);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "connecting" : "reconnecting");
    source.addEventListener(event, (e) => {
      try {
        handler.current(JSON.parse((e as MessageEvent<string>).data) as T);
      } catch {
        // A message this page does not understand: the next full load shows it.
      }
    });
    return () => source.close();
  }, [path, event, enabled]);
  return status;
}
