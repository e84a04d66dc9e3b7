// The JSON the API returns, by the names the pages use. Every type here is
// generated from docs/api/openapi.yaml (src/generated/openapi.ts, made by
// scripts/types.mjs before tsc and vite build run), so a change to the schema
// that a page does not follow fails the type check.
import type { components, paths } from "./generated/openapi";

type Schemas = components["schemas"];

// The success body of a route: Ok<"/inbox", "get"> is GET /inbox's 200 JSON.
type Methods = "get" | "put" | "post" | "delete";
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type Ok<P extends keyof paths, M extends Methods> = paths[P][M] extends { responses: infer Rs }
  ? JsonOf<Rs[Extract<keyof Rs, 200 | 201 | 202>]>
  : never;

export type Permission = Schemas["Permission"];
export type User = Schemas["User"];
export type Session = Schemas["Session"];
export type SignInRefused = Schemas["SignInRefused"];

export type Count = Schemas["Count"];
export type Dashboard = Schemas["Dashboard"];
export type ActivityEvent = Schemas["Event"];
export type ActivityPage = Schemas["EventPage"];
export type InboxItem = Schemas["InboxItem"];
export type Alert = Schemas["Alert"];
export type AlertDetail = Schemas["AlertDetail"];
export type AlertState = Schemas["AlertState"];
export type TriageAction = Schemas["TriageAction"];
export type EscalationStep = Schemas["EscalationStep"];
export type AlertRota = Schemas["AlertRota"];

export type Sanction = Schemas["Sanction"];
export type ActiveSanction = Schemas["ActiveSanction"];
export type Person = Schemas["Person"];
export type Pupil = Schemas["Pupil"];
export type ImportIssue = Schemas["ImportIssue"];
export type ImportPreview = Schemas["ImportPreview"];
export type NewLogin = Schemas["NewLogin"];

export type Device = Schemas["Device"];
export type DeviceList = Schemas["DeviceList"];
export type Restriction = Schemas["Restriction"];

// GET/PUT /settings/sign-in: who signs in at the network's sign-in page, and
// for how long.
export type SignInSettings = Schemas["SignInSettings"];

// GET /mail: the outbox and the mail settings (never the password).
export type MailSettings = Schemas["MailSettings"];
export type OutboxMail = Schemas["OutboxMail"];
export type MailPageView = Ok<"/mail", "get">;

// GET /selftest: the filter self-test's last runs and the run going.
export type SelftestRun = Schemas["SelftestRun"];
export type SelftestCheck = Schemas["SelftestCheck"];
export type SelftestProgress = Schemas["SelftestProgress"];
export type SelftestView = Ok<"/selftest", "get">;
// GET /reports: the evidence pack being made, or the last one made.
export type ReportJob = Schemas["ReportJob"];
export type ReportsView = Ok<"/reports", "get">;

export type ListSource = Schemas["ListSource"];
export type ListProblem = Schemas["ListProblem"];
export type ListJob = Schemas["ListJob"];
export type ListsView = Schemas["ListsView"];

export type Policy = Schemas["Policy"];
export type PolicyGroup = Schemas["PolicyGroup"];
export type PolicyCategory = Schemas["PolicyCategory"];
export type TimeRuleView = Schemas["TimeRule"];
export type LocalEntry = Schemas["LocalEntry"];
export type Done = Schemas["Done"];
export type Explanation = Schemas["Explanation"];
