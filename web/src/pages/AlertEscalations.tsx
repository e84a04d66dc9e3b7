// Who was told about an alert: each rung of the rota it went to, in order
// (issue 14, "Reaching a person"). A rung where nobody has an email address
// is shown as skipped; a rota that reached nobody at all is a warning.
import { formatTime } from "../format";
import type { EscalationStep } from "../types";

function what(s: EscalationStep): string {
  if (s.outcome === "mailed") return `mailed ${s.addresses.join(", ")}`;
  if (s.outcome === "no_address") return "nobody there has an email address, so the next rung was tried";
  return "nobody on the rota has an email address: nobody was told";
}

export function AlertEscalations({ steps }: { steps: EscalationStep[] }) {
  const nobody = steps.some((s) => s.outcome === "nobody");
  return (
    <>
      <h2>Who was told</h2>
      {nobody && (
        <p class="error" role="alert">
          Nobody was told about this alert: nobody on the rota has an email address. Set the rota below the
          alerts list, or the staff's addresses.
        </p>
      )}
      {steps.length === 0 && <p>Nobody yet: below the rota's mail level, or waiting for the next few seconds.</p>}
      <ol class="escalations">
        {steps.filter((s) => s.outcome !== "nobody").map((s) => (
          <li key={s.rung}>
            {formatTime(s.at_ms)}: {s.target.replace(/^role:/, "").replace(/^person:/, "")}{" "}
            <span class="muted">({s.rota === "in_hours" ? "school hours" : "out of hours"})</span>: {what(s)}
          </li>
        ))}
      </ol>
    </>
  );
}
