// Importing pupils from the MIS in two steps: "Check the file" shows every
// row and every problem (row and field) and stores nothing; only "Import"
// after a clean check stores them, all at once. The file goes as base64 so
// its bytes arrive exactly (a Latin-1 export is found and converted).
import { useState } from "preact/hooks";
import { ApiError, post } from "../api";
import type { ImportPreview, Ok } from "../types";

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file cannot be read"));
    reader.readAsDataURL(file);
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function PupilImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState("");
  const [error, setError] = useState("");
  const [done, setDone] = useState("");

  async function check(e: Event) {
    e.preventDefault();
    if (!file) return;
    setBusy("Checking the file…");
    setError("");
    setDone("");
    setPreview(null);
    try {
      const data = await readAsBase64(file);
      setCsv(data);
      setPreview(await post<ImportPreview>("/people/import/preview", { csv_base64: data }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy("");
    }
  }

  async function commit() {
    setBusy("Importing…");
    setError("");
    try {
      const r = await post<Ok<"/people/import", "post">>("/people/import", { csv_base64: csv });
      setDone(`Imported ${plural(r.imported, "pupil")}.`);
      setPreview(null);
      setFile(null);
      onImported();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy("");
    }
  }

  const problemsFor = (row: number) => preview?.issues.filter((i) => i.row === row) ?? [];
  const fileProblems = preview?.issues.filter((i) => !preview.rows.some((r) => r.row === i.row)) ?? [];

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import pupils from the MIS</h2>
      <p>
        Export the pupils from your MIS as a CSV file with their name, UPN, date of birth, year group and class.
        Checking the file changes nothing; pupils are added only when you press Import.
      </p>
      <form class="filters" onSubmit={check}>
        <label>
          CSV file from the MIS
          <input type="file" name="csv" accept=".csv,text/csv"
            onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setPreview(null); setDone(""); }} />
        </label>
        <button type="submit" disabled={!file || busy !== ""}>Check the file</button>
      </form>
      {busy && <p aria-busy="true"><progress aria-label={busy} /> {busy}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status" class="done">{done}</p>}
      {preview && (
        <div class="preview">
          <p role="status">
            <strong>{plural(preview.rows.length, "pupil")}, {plural(preview.errors, "error")}, {plural(preview.warnings, "warning")}.</strong>{" "}
            {preview.errors > 0
              ? "Nothing has been imported. Fix the errors in the MIS or the file, then check it again."
              : "Nothing has been imported yet."}
          </p>
          {preview.converted_from_latin1 && (
            <p>The file was not in UTF-8; it was read as Windows (Latin-1) text. Check that names with accents look right.</p>
          )}
          {fileProblems.length > 0 && (
            <ul class="problems">
              {fileProblems.map((i, n) => <li key={n} class={i.severity}>{i.severity === "error" ? "Error" : "Warning"}: {i.text}</li>)}
            </ul>
          )}
          <table class="activity preview-rows">
            <caption class="visually-hidden">The pupils in the file, row by row</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Name</th>
                <th scope="col">UPN</th>
                <th scope="col">Born</th>
                <th scope="col">Year</th>
                <th scope="col">Class</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row} class={r.ok ? undefined : "blocked"}>
                  <td>{r.row}</td>
                  <td>{r.name}</td>
                  <td>{r.upn}</td>
                  <td>{r.date_of_birth}</td>
                  <td>{r.year_name}</td>
                  <td>{r.class}</td>
                  <td>
                    {problemsFor(r.row).length === 0 ? "OK" : (
                      <ul class="problems">
                        {problemsFor(r.row).map((i, n) => (
                          <li key={n} class={i.severity}>
                            {i.severity === "error" ? "Error" : "Warning"}{i.field ? ` in ${i.field}` : ""}: {i.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="inbox-actions">
            {preview.errors === 0 && preview.rows.length > 0 && (
              <button onClick={commit} disabled={busy !== ""}>Import {plural(preview.rows.length, "pupil")}</button>
            )}
            <button class="secondary" onClick={() => setPreview(null)}>Cancel</button>
          </p>
        </div>
      )}
    </section>
  );
}
