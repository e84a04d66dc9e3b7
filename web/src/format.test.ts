import { describe, expect, it } from "vitest";
import { decisionWords, formatCount, formatTime, queryString } from "./format";

describe("queryString", () => {
  it("leaves out empty fields and encodes the rest", () => {
    expect(queryString({ group: "KS2", host: "", category: undefined, q: "a b&c" })).toBe(
      "?group=KS2&q=a+b%26c",
    );
  });
  it("is empty when nothing is filled in", () => {
    expect(queryString({ group: "" })).toBe("");
  });
});

describe("formatTime", () => {
  it("shows only the time for today", () => {
    const now = new Date(2026, 10, 3, 16, 0);
    expect(formatTime(new Date(2026, 10, 3, 14, 5).getTime(), now)).toBe("14:05");
  });
  it("shows the day for another day", () => {
    const now = new Date(2026, 10, 4, 9, 0);
    expect(formatTime(new Date(2026, 10, 3, 14, 5).getTime(), now)).toContain("3 Nov");
  });
});

describe("words", () => {
  it("names decisions plainly", () => {
    expect(decisionWords("block")).toBe("Blocked");
    expect(decisionWords("rewrite")).toBe("Safe search");
  });
  it("groups thousands", () => {
    expect(formatCount(12345)).toBe("12,345");
  });
});
