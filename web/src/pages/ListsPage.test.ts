import { describe, expect, it } from "vitest";
import type { ListJob } from "../types";
import { progressWords } from "./ListsPage";

const job = (bytes_done: number, bytes_total: number): ListJob => ({
  state: "running", started_by: "it@school.example", started_at_ms: 0, file: "", bytes_done, bytes_total,
  seconds: 1, sources: 0, files: 0, lines: 0, entries: 0, rejected: 0, index_bytes: 0, new_categories: [],
  problems: [], problem_count: 0, error_count: 0, error: "",
});

describe("progressWords", () => {
  it("says how far the reading has got, in plain words", () => {
    expect(progressWords(job(12_300_000, 29_000_000))).toBe("Reading lists: 42% (12.3 of 29.0 MB)");
  });
  it("says what happens before and after the reading", () => {
    expect(progressWords(job(0, 0))).toBe("Getting ready to read the lists…");
    expect(progressWords(job(29_000_000, 29_000_000))).toBe("Building the filter's index from the lists…");
  });
});
