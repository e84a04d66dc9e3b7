// The alert rota (issue 14, "Reaching a person"): who an alert reaches, in
// and out of school hours, the school hours, the minutes before a level 4-5
// alert nobody acknowledged goes to the next rung, and the lowest level
// mailed at once. For the roles that handle alerts (the DSL, the deputy,
// the head); each change needs a reason and is audited. Warnings (a rung
// with nobody who has an email address) are shown first.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { formatTime } from "../format";
import type { AlertRota } from "../types";

type Fields = AlertRota["fields"];

const kLabels: Record<keyof Fields, string> = {
  in_hours: "In school hours, in order",
  out_of_hours: "Out of hours, in order",
  days: "School days",
  hours: "School hours",
  ack_minutes_in_hours: "Minutes to acknowledge in hours",
  ack_minutes_out_of_hours: "Minutes to acknowledge out of hours",
  mail_level: "Lowest level mailed at once",
  teachers_see_own_class: "Teachers see their own class's alerts (yes or no)",
};

export function AlertRotaPanel() {
  const [rota, setRota] = useState<AlertRota | null>(null);
  const [fields, setFields] = useState<Fields | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [saved, setSaved] = useState("");
  const load = () =>
    get<AlertRota>("/alerts/rota").then(
      (r) => {
        setRota(r);
        setFields(r.fields);
      },
      (e) => setError(String(e.message ?? e)),
    );
  useEffect(() => {
    load();
  }, []);
  if (!rota || !fields) return error ? <p class="error" role="alert">Could not load the rota: {error}</p> : null;
  const changed = (Object.keys(fields) as (keyof Fields)[]).filter((k) => fields[k] !== rota.fields[k]);
  async function save(e: Event) {
    e.preventDefault();
    setError("");
    setSaved("");
    const changes: Record<string, string> = {};
    for (const k of changed) changes[k] = fields![k];
    try {
      const r = await post<{ version: number }>("/alerts/rota", { changes, reason });
      setReason("");
      setSaved(`Rota version ${r.version} is in force.`);
      load();
    } catch (err) {
      setError(String((err as Error).message ?? err));
    }
  }
  return (
    <section aria-labelledby="rota-title">
      <h2 id="rota-title">Who is told, and when</h2>
      <p class="muted">
        {rota.version === 0 ? "The policy's order (not changed yet)." : `Version ${rota.version}, set ${formatTime(rota.set_ms)} by ${rota.by}: ${rota.reason}`}{" "}
        Rungs are role:dsl, role:deputy_dsl, role:head, role:governor, … or person:login. A level 4 or 5 alert
        nobody acknowledges in time goes to the next rung.
      </p>
      {rota.warnings.map((w) => (
        <p key={w} class="warning" role="status">{w}</p>
      ))}
      <form class="rota" onSubmit={save}>
        {(Object.keys(kLabels) as (keyof Fields)[]).map((k) => (
          <label key={k}>
            {kLabels[k]}
            <input name={k} value={fields[k]} onInput={(e) => setFields({ ...fields, [k]: (e.target as HTMLInputElement).value })} />
          </label>
        ))}
        <label>
          Reason for the change (needed; audited)
          <input name="reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        {saved && <p role="status">{saved}</p>}
        <button type="submit" disabled={changed.length === 0 || !reason.trim()}>Save the rota</button>
      </form>
    </section>
  );
}
