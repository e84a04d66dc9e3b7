import { describe, expect, it } from "vitest";
import { loadDraft, saveDraft } from "./draft";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(i: number) { return [...this.items.keys()][i] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

const kEmpty = { name: "", ip: "", dhcp: false };

describe("drafts", () => {
  it("come back as they were saved", () => {
    const s = new MemoryStorage();
    saveDraft("device", { name: "Class iPad 12", ip: "127.0.0.2", dhcp: true }, kEmpty, s);
    expect(loadDraft("device", kEmpty, s)).toEqual({ name: "Class iPad 12", ip: "127.0.0.2", dhcp: true });
  });
  it("are forgotten when the form is empty again", () => {
    const s = new MemoryStorage();
    saveDraft("device", { ...kEmpty, name: "x" }, kEmpty, s);
    saveDraft("device", kEmpty, kEmpty, s);
    expect(s.length).toBe(0);
  });
  it("keep only the form's own fields, with the right types", () => {
    const s = new MemoryStorage();
    s.setItem("esafety.draft.device", JSON.stringify({ name: 7, ip: "127.0.0.2", extra: "no" }));
    expect(loadDraft("device", kEmpty, s)).toEqual({ name: "", ip: "127.0.0.2", dhcp: false });
    s.setItem("esafety.draft.device", "{not json");
    expect(loadDraft("device", kEmpty, s)).toEqual(kEmpty);
  });
});
