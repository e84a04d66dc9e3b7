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

export interface Sanction {
  id: number;
  kind: "deactivate" | "restrict";
  until_ms: number; // 0: until lifted
  reason: string;
  by: string;
  at_ms: number;
  person?: { id: number; name: string; kind: string; upn: string; login: string };
}

export interface Person {
  id: number;
  kind: "pupil" | "staff" | "year-group" | "visitor";
  name: string;
  role: string;
  login: string;
  upn: string;
  date_of_birth: string;
  year: number; // -1: none; 0 Reception .. 6
  year_name: string;
  class: string;
  totp?: boolean;
  sanctions: Sanction[];
}

export interface Pupil {
  id: number;
  name: string;
  upn: string;
  year_name: string;
  class: string;
}

export interface ImportIssue {
  row: number; // the file's line; 1 is the header; 0 the whole file
  field: string;
  severity: "error" | "warning";
  message: string;
  text: string; // "row 4, date of birth: '31/02/2016' is not a real date"
}

export interface ImportPreview {
  columns: string[];
  rows: { row: number; ok: boolean; name: string; upn: string; date_of_birth: string; year_name: string; class: string }[];
  issues: ImportIssue[];
  errors: number;
  warnings: number;
  converted_from_latin1: boolean;
}

export interface Device {
  id: number;
  name: string;
  type: string;
  room: string;
  mac: string;
  ip: string;
  dhcp_reservation: boolean;
  group: string;
  checkout: { pupil: string; upn: string; until_ms: number; by: string } | null;
}

export interface DeviceList {
  devices: Device[];
  groups: string[];
  types: string[];
}

// GET/PUT /settings/sign-in: who signs in at the network's sign-in page, and
// for how long.
export interface SignInSettings {
  sign_in_networks: string[];
  unknown_devices: "portal" | "group";
  pupils_on_unknown_devices: boolean;
  staff_group: string;
  visitor_group: string;
  proxy_auth_networks: string[];
  year_group_minutes: number;
  staff_minutes: number;
  visitor_minutes: number;
  groups: string[];  // (GET) the school's groups
  warnings: string[];
}

export interface NewLogin {
  login: string;
  password: string;
}

export interface ListSource {
  id: number;
  path: string; // relative to the data folder when under it: "lists/uploaded/blocks.txt"
  name: string;
  uploaded: boolean;
  format: string;
  category: string; // "": from the list itself
  added_by: string;
  added_at_ms: number;
  entries: number; // from the last compile
  rejected: number;
}

export interface ListProblem {
  file: string;
  line: number; // 0: the whole file
  severity: "error" | "warning";
  reason: string;
  text: string; // "lists/uploaded/blocks.txt:2: not a host name"
}

export interface ListJob {
  state: "idle" | "running" | "done" | "failed";
  started_by: string;
  started_at_ms: number;
  file: string;
  bytes_done: number;
  bytes_total: number;
  seconds: number;
  sources: number;
  files: number;
  lines: number;
  entries: number;
  rejected: number;
  index_bytes: number;
  new_categories: string[];
  problems: ListProblem[]; // the first 200
  problem_count: number;
  error_count: number;
  error: string;
}

export interface ListsView {
  lists: ListSource[];
  index: { exists: boolean; bytes: number; modified_ms: number; entries: number };
  job: ListJob;
  categories: { name: string; title: string; unoverridable: boolean }[];
  formats: string[];
  max_upload_bytes: number;
  uploads: boolean;
}
