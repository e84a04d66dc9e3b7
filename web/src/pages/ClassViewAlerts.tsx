// The alerts on the class view (issue 14, item 4: "the blocks and alerts"),
// only for those who may see them: the DSL, the deputy and the head see the
// room's open alerts (GET /alerts?class=); a teacher sees their own class's
// when the school has turned that on (GET /class-alerts). Anyone else, or a
// teacher while it is off, sees nothing here. Read again with the view.
import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { queryString } from "../format";
import { navigate } from "../router";
import { can, type User } from "../session";
import type { Alert, Ok } from "../types";
import { AlertTable } from "./AlertParts";

export function ClassViewAlerts({ user, room, tick }: { user: User; room: string; tick: number }) {
  const [items, setItems] = useState<Alert[] | null>(null);
  const [note, setNote] = useState("");
  const dsl = can(user, "handle_alerts");
  const teacher = !dsl && can(user, "view_class_alerts");
  useEffect(() => {
    if (!room || (!dsl && !teacher)) return;
    const path = dsl
      ? `/alerts${queryString({ class: room, open: "1", limit: 20 })}`
      : `/class-alerts${queryString({ open: "1", limit: 20 })}`;
    get<Ok<"/alerts", "get">>(path).then(
      (b) => { setItems(b.items); setNote(""); },
      (e) => { setItems(null); setNote(String(e.message ?? e)); },
    );
  }, [room, tick, dsl, teacher]);
  if (!room || (!dsl && !teacher)) return null;
  return (
    <section aria-labelledby="classview-alerts">
      <h2 id="classview-alerts">Alerts for {room}</h2>
      {note && <p class="muted">{note}</p>}
      {items && (
        <AlertTable items={items} href={dsl ? "/alerts" : "/class-alerts"}
          open={() => navigate(dsl ? "/alerts" : "/class-alerts")} />
      )}
    </section>
  );
}
