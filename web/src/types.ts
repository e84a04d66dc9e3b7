// The JSON the API returns (docs/api/openapi.yaml has the full description).

export interface Count {
  label: string;
  value: number;
}

export interface Dashboard {
  day: string; // "2026-11-28", the school's local date
  requests: number;
  blocked: number;
  categories: Count[]; // blocked requests by category, most first
  top_blocked: Count[]; // blocked sites, most first
  hours: { hour: number; requests: number; blocked: number }[];
}

export interface ActivityEvent {
  id: number;
  reference: string; // as on the block page: "ES-7K3Q-9D2M"
  time_ms: number;
  kind: string; // http, connect, dns, refused
  client_ip: string;
  device: string;
  user: string;
  group: string;
  decision: string; // allow, block, rewrite
  step: string;
  category: string;
  url: string;
  host: string;
  search_terms: string;
  status: number;
}

export interface ActivityPage {
  events: ActivityEvent[];
  more: boolean; // another page follows
}

export interface InboxItem {
  id: number;
  kind: "tell-teacher" | "ask-check";
  time_ms: number;
  reference: string;
  message: string;
  client_ip: string;
  status: "new" | "seen" | "done";
  // From the blocked request's event, when it is still in the log.
  url: string;
  category: string;
  group: string;
  device: string;
  user: string;
}
