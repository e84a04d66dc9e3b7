// Form drafts kept in sessionStorage, so a half-filled form survives the
// session ending: whether the sign-in dialog opens over the page or the page
// is reloaded and shows the sign-in page first, the form comes back as it
// was. A draft is cleared once the form is sent. sessionStorage is per tab
// and gone when the tab closes; nothing secret is put in a draft.
import { useState } from "preact/hooks";

const kPrefix = "esafety.draft.";

export function loadDraft<T extends object>(key: string, initial: T, storage: Storage | undefined = globalThis.sessionStorage): T {
  try {
    const text = storage?.getItem(kPrefix + key);
    if (!text) return initial;
    const saved = JSON.parse(text);
    if (typeof saved !== "object" || saved === null) return initial;
    // Only the fields the form has, with the types it expects.
    const out = { ...initial } as Record<string, unknown>;
    for (const [name, value] of Object.entries(initial)) {
      if (typeof saved[name] === typeof value) out[name] = saved[name];
    }
    return out as T;
  } catch {
    return initial;
  }
}

export function saveDraft<T extends object>(key: string, value: T, initial: T, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    if (JSON.stringify(value) === JSON.stringify(initial)) storage?.removeItem(kPrefix + key);
    else storage?.setItem(kPrefix + key, JSON.stringify(value));
  } catch {
    // storage full or switched off: the form still works, without the draft
  }
}

// useState whose value is kept as a draft under `key`. `clear()` puts the
// form back to `initial` and forgets the draft. The draft is written as each
// change is made, not after the next paint, so a change made just before the
// page goes away (a reload, the tab closing) is not lost.
export function useDraft<T extends object>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => loadDraft(key, initial));
  const update = (next: T) => {
    saveDraft(key, next, initial);
    setValue(next);
  };
  return [value, update, () => update(initial)];
}
