// A live server-sent event stream from the console (EventSource), for the
// pages that show changes as they happen: the alerts page
// (/api/v1/alerts/stream) and the class view (/api/v1/classview/stream).
// The browser reconnects by itself after a drop (the stream says
// "retry: 3000"); the hook says whether it is live, so the page can tell the
// person when it is not.
//
//   const status = useLiveStream<Alert>("/alerts/stream", "alert", (a) => merge(a));
//   const status = useLiveEvents("/classview/stream?room=Oak", { visit: add, restrictions: reload });
import { useEffect, useRef, useState } from "preact/hooks";

export type LiveStatus = "connecting" | "live" | "reconnecting";

// One handler per event name; each gets the event's data as parsed JSON.
export function useLiveEvents(path: string, handlers: Record<string, (data: unknown) => void>, enabled = true): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const current = useRef(handlers);
  current.current = handlers;
  const names = Object.keys(handlers).sort().join(",");
  useEffect(() => {
    if (!enabled) return;
    setStatus("connecting");
    const source = new EventSource(`/api/v1${path}`);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "connecting" : "reconnecting");
    for (const name of names.split(",")) {
      source.addEventListener(name, (e) => {
        try {
          current.current[name]?.(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // A message this page does not understand: the next full load shows it.
        }
      });
    }
    return () => source.close();
  }, [path, names, enabled]);
  return status;
}

export function useLiveStream<T>(path: string, event: string, onItem: (item: T) => void, enabled = true): LiveStatus {
  return useLiveEvents(path, { [event]: (data) => onItem(data as T) }, enabled);
}
