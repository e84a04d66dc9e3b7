// The class view (issue 14, item 4): a teacher picks their class's room and
// sees its devices, who has each, and whether it is paused or restricted to
// the lesson's sites, and what it visited in the last few minutes (allowed or
// blocked), and the room's open alerts for those who may see them
// (ClassViewAlerts.tsx); from here they pause a device, restrict it to an
// allow-list, or end that. Each change needs a reason (kept in the audit
// log) and meets the device's next request. The room's browsing is pushed
// as it happens (GET /api/v1/classview/stream): each visit joins its
// device's list, and a restriction changed elsewhere (another teacher, the
// command line) reads the room again. The room is also read again every
// 30 s, for what the stream does not carry (a restriction ending by itself,
// a device lent out).
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { formatTime } from "../format";
import { useLiveEvents } from "../liveStream";
import type { User } from "../session";
import type { ActivityEvent as Visit, Ok, Restriction } from "../types";
import { ClassViewAlerts } from "./ClassViewAlerts";

type ClassView = Ok<"/classview", "get">;
type Action = { device: string; kind: "pause" | "allow_list" | "release"; allow: string; minutes: string; reason: string };

const kRefreshMs = 30000;
const kRecentPerDevice = 5;

function restrictionWords(r: Restriction): string {
  const until = `until ${formatTime(r.until_ms)}`;
  if (r.kind === "pause") return `Paused ${until}`;
  return `Only ${r.allow.join(", ")} ${until}`;
}

export function ClassViewPage({ user }: { user: User }) {
  const [room, setRoom] = useState("");
  const [tick, setTick] = useState(0);
  const [view, setView] = useState<ClassView | null>(null);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [action, setAction] = useState<Action | null>(null);

  const load = (which: string) =>
    get<ClassView>(`/classview${which ? `?room=${encodeURIComponent(which)}` : ""}`).then(
      (v) => { setView(v); setError(""); setTick((t) => t + 1); },
      (e) => setError(String(e.message ?? e)),
    );
  useEffect(() => {
    load(room);
    const timer = setInterval(() => load(room), kRefreshMs);
    return () => clearInterval(timer);
  }, [room]);

  // A pushed visit joins the front of its device's list (newest first). One
  // that may have raised an alert (blocked, tagged by monitoring, scored)
  // has the room's alerts read again: the engine stores its alerts before
  // the visit is pushed.
  const addVisit = (v: Visit) => {
    if (v.decision === "block" || v.tags || v.scores) setTick((t) => t + 1);
    setView((old) => old && {
      ...old,
      devices: old.devices.map((d) =>
        d.id !== v.device_id || d.recent.some((r) => r.id === v.id) ? d : { ...d, recent: [v, ...d.recent].slice(0, kRecentPerDevice) }),
    });
  };
  const shown = view?.room ?? "";
  const live = useLiveEvents(`/classview/stream?room=${encodeURIComponent(shown)}`, {
    visit: (data) => addVisit(data as Visit),
    restrictions: () => load(shown),
  }, shown !== "");

  async function act(e: Event) {
    e.preventDefault();
    if (!action) return;
    setError("");
    setDone("");
    try {
      if (action.kind === "release") {
        await post("/restrictions/release", { device: action.device, reason: action.reason });
        setDone(`${action.device} can use the internet again.`);
      } else {
        await post("/restrictions", {
          device: action.device, kind: action.kind, allow: action.allow,
          minutes: Number(action.minutes) || 60, reason: action.reason,
        });
        setDone(action.kind === "pause" ? `${action.device} is paused.` : `${action.device} can reach only the lesson's sites.`);
      }
      setAction(null);
      load(room);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const start = (device: string, kind: Action["kind"]) => setAction({ device, kind, allow: "", minutes: "60", reason: "" });
  const set = (name: keyof Action) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
    action && setAction({ ...action, [name]: e.currentTarget.value });

  return (
    <>
      <h1>Class view</h1>
      {view && view.rooms.length > 1 && (
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Class or room
            <select name="room" value={view.room} onChange={(e) => setRoom(e.currentTarget.value)}>
              {view.rooms.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
      {!view && !error && <p aria-busy="true">Loading…</p>}
      {view && view.rooms.length === 0 && <p>No devices are in your class's room. Ask the IT technician to set the room on your class's devices.</p>}
      {view && view.room && <h2>{view.room}</h2>}
      {view && view.room && (
        <p class="muted" data-live={live}>
          {live === "live" ? "Live: visits appear here as they happen." : live === "reconnecting" ? "Reconnecting… visits will appear when the link is back." : "Connecting…"}
        </p>
      )}
      <ul class="inbox">
        {view?.devices.map((d) => (
          <li key={d.id} data-device={d.name}>
            <h3>{d.name} <span class="muted">{d.ip}</span></h3>
            {d.checkout && <p>With {d.checkout.pupil} until {formatTime(d.checkout.until_ms)}</p>}
            <p class="restriction">{d.restriction ? restrictionWords(d.restriction) : "Browsing as usual"}</p>
            {d.recent.length > 0 && (
              <ul class="recent" aria-label={`What ${d.name} visited lately`}>
                {d.recent.map((e) => (
                  <li key={e.id}>
                    {e.host || e.url} <span class={e.decision === "block" ? "error" : "muted"}>
                      {e.decision === "block" ? `blocked${e.category ? ` (${e.category})` : ""}` : "allowed"}
                    </span> <span class="muted">{e.time.slice(11)}</span>
                  </li>
                ))}
              </ul>
            )}
            {action?.device === d.name ? (
              <form class="filters" onSubmit={act}>
                {action.kind === "allow_list" && (
                  <label class="wide">
                    The lesson's sites (one per line, or separated by commas)
                    <textarea name="allow" required value={action.allow} onInput={set("allow")} placeholder="bbc.co.uk/bitesize" />
                  </label>
                )}
                {action.kind !== "release" && (
                  <label>
                    For how many minutes
                    <input name="minutes" type="number" min={1} max={600} value={action.minutes} onInput={set("minutes")} />
                  </label>
                )}
                <label class="wide">
                  Reason (kept in the record)
                  <input name="reason" required value={action.reason} onInput={set("reason")} />
                </label>
                <button type="submit">
                  {action.kind === "pause" ? "Pause it" : action.kind === "allow_list" ? "Restrict it" : "End it"}
                </button>
                <button type="button" class="secondary" onClick={() => setAction(null)}>Cancel</button>
              </form>
            ) : (
              <p>
                <button class="secondary" onClick={() => start(d.name, "pause")}>Pause</button>{" "}
                <button class="secondary" onClick={() => start(d.name, "allow_list")}>Only the lesson's sites…</button>{" "}
                {d.restriction && <button class="secondary" onClick={() => start(d.name, "release")}>End</button>}
              </p>
            )}
          </li>
        ))}
      </ul>
      {view && <ClassViewAlerts user={user} room={view.room} tick={tick} />}
    </>
  );
}
