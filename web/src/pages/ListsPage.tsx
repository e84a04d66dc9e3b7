// Lists: the category lists the filter is built from, for the IT technician.
// Adding a list uploads the file (kept by esafety), then every list is read
// again in the background: a progress bar shows how far it has got, and when
// it ends, a summary and every rejected line by file and line number. The
// running filter picks up the new lists by itself within a few seconds.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { useDraft } from "../draft";
import { formatCount, formatTime } from "../format";
import type { ListJob, ListSource, ListsView, Ok } from "../types";
import { RemoveWithReason } from "./policy/RemoveWithReason";

const kFormatWords: Record<string, string> = {
  auto: "Find out from the file",
  plain: "One site per line",
  hosts: "Hosts file",
  adblock: "Adblock list",
  e2guardian: "e2guardian list",
  squidguard: "squidGuard folder",
};
const kNewList = { format: "auto", category: "", reason: "" };

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
const entries = (n: number) => `${formatCount(n)} ${n === 1 ? "entry" : "entries"}`;
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
const sizeWords = (bytes: number) =>
  bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${megabytes(bytes)} MB`;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file cannot be read"));
    reader.readAsDataURL(file);
  });
}

// "Reading lists: 42% (12.3 of 29.0 MB)"
export function progressWords(job: ListJob): string {
  if (job.bytes_total === 0) return "Getting ready to read the lists…";
  if (job.bytes_done >= job.bytes_total) return "Building the filter's index from the lists…";
  const percent = Math.floor((job.bytes_done * 100) / job.bytes_total);
  return `Reading lists: ${percent}% (${megabytes(job.bytes_done)} of ${megabytes(job.bytes_total)} MB)`;
}

// A path, file name or email that may wrap after "/", "-", "_", "." or "@" (and only
// there) in a narrow column.
function Wrapping({ text }: { text: string }) {
  const parts: string[] = [""];
  for (const c of text) {
    parts[parts.length - 1] += c;
    if ("/-_.@".includes(c)) parts.push("");
  }
  return <>{parts.map((p, n) => <Fragment key={n}>{p}{n < parts.length - 1 && <wbr />}</Fragment>)}</>;
}

function JobStatus({ job }: { job: ListJob }) {
  if (job.state === "idle") return null;
  const running = job.state === "running";
  return (
    <section aria-labelledby="job-title" class="list-job">
      <h2 id="job-title">{running ? "Compiling the lists" : "Last compile"}</h2>
      {running && (
        <>
          <progress aria-label="Reading lists" max={Math.max(job.bytes_total, 1)} value={job.bytes_done} />
          <p role="status">{progressWords(job)}</p>
          <p class="muted">Started by {job.started_by}. You can leave this page; the compile carries on.</p>
        </>
      )}
      {job.state === "failed" && (
        <p class="error" role="alert">
          The compile failed, so the filter keeps the lists it had: {job.error}
        </p>
      )}
      {job.state === "done" && (
        <>
          <p role="status" class="done">
            <strong>
              Compiled {entries(job.entries)} from {plural(job.files, "file")} in{" "}
              {job.seconds.toFixed(1)} s.
            </strong>{" "}
            The filter uses them within a few seconds.
          </p>
          {job.new_categories.length > 0 && (
            <p>
              New categories named by a list: {job.new_categories.join(", ")}. No group blocks them yet; choose
              on the Filter policy page.
            </p>
          )}
        </>
      )}
      {job.state !== "running" && job.error_count > 0 && (
        <p>
          {job.error_count === 1 ? "1 line was" : `${formatCount(job.error_count)} lines were`} rejected (not used).
          Each is named below by file and line number:
        </p>
      )}
      {job.problems.length > 0 && (
        <ul class="problems" aria-label="Rejected lines and other problems">
          {job.problems.map((p, n) => (
            <li key={n} class={p.severity}>
              {p.severity === "error" ? "Rejected" : "Warning"}: <Wrapping text={p.text} />
            </li>
          ))}
        </ul>
      )}
      {job.problem_count > job.problems.length && (
        <p class="muted">
          The first {formatCount(job.problems.length)} of {formatCount(job.problem_count)} problems are shown.
        </p>
      )}
    </section>
  );
}

function AddList({ view, onStarted }: { view: ListsView; onStarted: (job: ListJob) => void }) {
  const [form, setForm, clearForm] = useDraft("new-list", kNewList);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const set = (name: keyof typeof kNewList) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });
  const running = view.job.state === "running";

  async function add(e: Event) {
    e.preventDefault();
    if (!file) return;
    setError("");
    setDone("");
    if (file.size > view.max_upload_bytes) {
      setError(`The file is too big: the most the console takes is ${Math.round(view.max_upload_bytes / 1048576)} MB.`);
      return;
    }
    setBusy(true);
    try {
      const content = await readAsBase64(file);
      const r = await post<Ok<"/lists", "post">>("/lists", {
        name: file.name, content_base64: content, ...form,
      });
      setDone(`Added ${r.list.name}. Every list is being read again now.`);
      clearForm();
      setFile(null);
      (e.target as HTMLFormElement).reset();
      onStarted(r.job);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">Add a list</h2>
      <p>
        Upload a list of sites to block, such as one from your broadband provider or local authority. esafety
        keeps a copy and reads every list again. Lines it cannot read are listed afterwards; the others are used.
      </p>
      {!view.uploads ? <p>This console cannot keep uploaded files. Use <code>esafety lists import</code> instead.</p> : (
        <form class="filters" onSubmit={add}>
          <label class="wide">
            List file
            <input type="file" name="file" required
              onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setDone(""); }} />
          </label>
          <label>
            Format
            <select name="format" value={form.format} onChange={set("format")}>
              {view.formats.filter((f) => f !== "squidguard").map((f) => (
                <option key={f} value={f}>{kFormatWords[f] ?? f}</option>
              ))}
            </select>
          </label>
          <label>
            Category
            <select name="category" value={form.category} onChange={set("category")}>
              <option value="">Named in the list (e2guardian)</option>
              {view.categories.map((c) => <option key={c.name} value={c.name}>{c.title}</option>)}
            </select>
          </label>
          <label class="wide">
            Reason (kept in the record)
            <input name="reason" required value={form.reason} onInput={set("reason")}
              placeholder="Sites reported by Year 6" />
          </label>
          <button type="submit" disabled={!file || busy || running}>Upload and compile</button>
        </form>
      )}
      {running && <p class="muted">A compile is running; you can add a list when it has finished.</p>}
      <ServerList view={view} onStarted={onStarted} />
      {busy && <p aria-busy="true">Uploading {file?.name}…</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </section>
  );
}

const kServerList = { path: "", format: "auto", category: "", reason: "" };

// A list already on the server, such as a UT1 folder unpacked there: read
// where it is, never copied.
function ServerList({ view, onStarted }: { view: ListsView; onStarted: (job: ListJob) => void }) {
  const [form, setForm, clearForm] = useDraft("server-list", kServerList);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const set = (name: keyof typeof kServerList) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  async function add(e: Event) {
    e.preventDefault();
    setError("");
    setDone("");
    try {
      const r = await post<Ok<"/lists", "post">>("/lists", form);
      setDone(`Added ${r.list.path}. Every list is being read again now.`);
      clearForm();
      onStarted(r.job);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div class="server-list">
      <h3>Or a list already on the server</h3>
      <p>Such as a squidGuard or UT1 folder unpacked there. It is read where it is, not copied.</p>
      <form class="filters" onSubmit={add}>
        <label class="wide">
          Full path on the server
          <input name="path" required value={form.path} onInput={set("path")} placeholder="/srv/ut1/blacklists" />
        </label>
        <label>
          Format
          <select name="format" value={form.format} onChange={set("format")}>
            {view.formats.map((f) => <option key={f} value={f}>{kFormatWords[f] ?? f}</option>)}
          </select>
        </label>
        <label>
          Category
          <select name="category" value={form.category} onChange={set("category")}>
            <option value="">Named in the list (squidGuard, e2guardian)</option>
            {view.categories.map((c) => <option key={c.name} value={c.name}>{c.title}</option>)}
          </select>
        </label>
        <label class="wide">
          Reason (kept in the record)
          <input name="reason" required value={form.reason} onInput={set("reason")} />
        </label>
        <button type="submit" disabled={view.job.state === "running"}>Add and compile</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </div>
  );
}

// A list's Remove button, which asks why first. A list of a category nobody
// may unblock (illegal content) is never removed: no button is offered, and
// the server refuses it too.
function RemoveList({ list, locked, onStarted }: {
  list: ListSource; locked: boolean; onStarted: (job: ListJob) => void;
}) {
  if (locked) return <span class="muted">Always kept</span>;
  return (
    <RemoveWithReason what={list.uploaded ? list.name : list.path} onRemove={async (reason) => {
      const r = await post<Ok<"/lists/remove", "post">>("/lists/remove", { id: list.id, reason });
      onStarted(r.job);
    }} />
  );
}

export function ListsPage() {
  const [view, setView] = useState<ListsView | null>(null);
  const [job, setJob] = useState<ListJob | null>(null);
  const [error, setError] = useState("");

  const load = () => {
    get<ListsView>("/lists").then((v) => { setView(v); setJob(v.job); }, (e) => setError(String(e.message ?? e)));
  };
  useEffect(load, []);

  // While a compile runs, ask how far it has got about three times a second.
  useEffect(() => {
    if (job?.state !== "running") return;
    const timer = setTimeout(async () => {
      try {
        const next = await get<ListJob>("/lists/job");
        setJob(next);
        if (next.state !== "running") load();
      } catch (e) {
        setError((e as Error).message);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [job]);

  async function compileAgain() {
    setError("");
    try {
      const r = await post<Ok<"/lists/compile", "post">>("/lists/compile", {});
      setJob(r.job);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (!view || !job) return error ? <p class="error" role="alert">{error}</p> : <p aria-busy="true">Loading the lists…</p>;
  const current = { ...view, job };
  const titles = new Map(view.categories.map((c) => [c.name, c.title]));
  const locked = new Set(view.categories.filter((c) => c.unoverridable).map((c) => c.name));
  const removed = (next: ListJob) => { setJob(next); load(); };
  return (
    <>
      <h1>Lists</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <p>
        {view.index.exists
          ? `The filter's index holds ${entries(view.index.entries)} from ${plural(view.lists.length, "list")} (${sizeWords(view.index.bytes)}, made ${formatTime(view.index.modified_ms)}).`
          : "No lists have been compiled yet."}
      </p>
      <JobStatus job={job} />
      <AddList view={current} onStarted={setJob} />
      <section aria-labelledby="lists-title">
        <h2 id="lists-title">The lists</h2>
        {view.lists.length === 0 ? <p>There are no lists yet.</p> : (
          <table class="activity lists">
            <caption class="visually-hidden">The lists the filter is built from</caption>
            <thead>
              <tr>
                <th scope="col">List</th>
                <th scope="col" class="format">Format</th>
                <th scope="col">Category</th>
                <th scope="col">Entries</th>
                <th scope="col">Rejected lines</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {view.lists.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Wrapping text={l.uploaded ? l.name : l.path} />{l.uploaded && " (uploaded)"}
                    <div class="list-remove">
                      <RemoveList list={l} locked={locked.has(l.category)} onStarted={removed} />
                    </div>
                  </td>
                  <td class="format">{kFormatWords[l.format] && l.format !== "auto" ? kFormatWords[l.format] : l.format}</td>
                  <td>{l.category ? titles.get(l.category) ?? l.category : "Named in the list"}</td>
                  <td>{formatCount(l.entries)}</td>
                  <td>{formatCount(l.rejected)}</td>
                  <td><Wrapping text={l.added_by} />, {formatTime(l.added_at_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="inbox-actions">
          <button class="secondary" onClick={compileAgain} disabled={job.state === "running"}>
            Read every list again
          </button>
          <span class="muted">For when a list file on the server has changed.</span>
        </p>
      </section>
    </>
  );
}
