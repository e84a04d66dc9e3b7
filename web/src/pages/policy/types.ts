// The policy as GET /api/v1/policy returns it (types generated from the
// schema, src/types.ts), and how the policy page's parts tell it that
// something changed.
export type { Done, LocalEntry, Policy, PolicyCategory, PolicyGroup, TimeRuleView } from "../../types";

// Called after a change is saved: the page loads the policy again.
export type OnChanged = () => void;
