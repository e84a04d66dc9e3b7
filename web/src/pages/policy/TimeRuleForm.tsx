// Adding a time rule to a group: a category allowed or blocked on some days
// between two times ("games allowed 12:00-13:00 on weekdays"), with a reason.
import { useState } from "preact/hooks";
import { post } from "../../api";
import type { Done, PolicyCategory } from "./types";

const kDays: [string, string][] = [
  ["Mon-Fri", "Monday to Friday"],
  ["every day", "Every day"],
  ["Sat,Sun", "Saturday and Sunday"],
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
];
const kEmpty = { category: "", action: "allow", days: "Mon-Fri", from: "", to: "", reason: "" };

interface Props {
  group: string;
  categories: PolicyCategory[];
  onSaved: (done: string) => void;
}

export function TimeRuleForm({ group, categories, onSaved }: Props) {
  const [form, setForm] = useState(kEmpty);
  const [error, setError] = useState("");
  const set = (name: keyof typeof kEmpty) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  async function add(e: Event) {
    e.preventDefault();
    setError("");
    try {
      const answer = await post<Done>("/policy/time-rules", { group, ...form });
      setForm(kEmpty);
      onSaved(answer.done);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form class="filters" onSubmit={add} aria-label={`Add a time rule for ${group}`}>
      <label>
        Category
        <select name="category" required value={form.category} onChange={set("category")}>
          <option value="">Choose a category</option>
          {categories.map((c) => <option key={c.name} value={c.name}>{c.title}</option>)}
        </select>
      </label>
      <label>
        Allow or block
        <select name="action" value={form.action} onChange={set("action")}>
          <option value="allow">Allow</option>
          <option value="block">Block</option>
        </select>
      </label>
      <label>
        Days
        <select name="days" value={form.days} onChange={set("days")}>
          {kDays.map(([value, words]) => <option key={value} value={value}>{words}</option>)}
        </select>
      </label>
      <label>
        From
        <input type="time" name="from" required value={form.from} onInput={set("from")} />
      </label>
      <label>
        Until
        <input type="time" name="to" required value={form.to} onInput={set("to")} />
      </label>
      <label class="wide">
        Reason
        <input name="reason" required value={form.reason} onInput={set("reason")} />
      </label>
      <button type="submit">Add the time rule</button>
      {error && <p class="error form-message" role="alert">{error}</p>}
    </form>
  );
}
