// Plain-words formatting shared by the pages.

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

// "14:05" today, "Tue 3 Nov 14:05" otherwise.
export function formatTime(ms: number, now: Date = new Date()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  if (d.toDateString() === now.toDateString()) return time;
  const day = d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });
  return `${day} ${time}`;
}

// Query string from the filled-in fields only.
export function queryString(fields: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function decisionWords(decision: string): string {
  switch (decision) {
    case "allow":
      return "Allowed";
    case "block":
      return "Blocked";
    case "rewrite":
      return "Safe search";
    default:
      return decision;
  }
}

// "Tue 10 Mar 2026"
export function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}
