// The policy as GET /api/v1/policy returns it, and how the policy page's
// parts tell it that something changed.

export interface TimeRuleView {
  index: number; // its place in the group's rules, for removing it
  text: string; // "Mon-Fri 12:00-13:00 allow games"
  category: string;
  action: string;
  note: string;
}

export interface PolicyGroup {
  name: string;
  description: string;
  blocked_categories: string[];
  allowed_categories: string[];
  uncategorised: string;
  allow_list_only: boolean;
  safe_search: boolean;
  time_rules: string[];
  rules: TimeRuleView[];
}

export interface PolicyCategory {
  name: string;
  title: string;
  description: string;
  unoverridable: boolean;
  allow_list: boolean;
}

export interface LocalEntry {
  id: number;
  group: string;
  pattern: string;
  action: string;
  added_by: string;
  added_at_ms: number;
  reason: string;
}

export interface Policy {
  groups: PolicyGroup[];
  categories: PolicyCategory[];
  entries: LocalEntry[];
}

// The answer to every change: what changed, in plain words.
export interface Done {
  done: string;
}

// Called after a change is saved: the page loads the policy again.
export type OnChanged = () => void;
