/**
 * Where the learned model lives: user properties, which hold at most 9 KB a value and 500 KB in
 * all. A model that fits one value is stored as is (as before trees existed); a larger one (boosted
 * trees take 20-60 KB) is split into numbered parts under MODEL_KEY.1, .2, … with a small manifest
 * under MODEL_KEY, written parts first so a reader never sees a manifest without its parts.
 */
import type { KeyValueStore } from '../ports/key-value-store';
import { utf8Length } from '../core/text/utf8';

export const MODEL_KEY = 'churnguard.model';
/** Bytes per part: under the 9 KB a property value holds, with room to spare. */
const PART_BYTES = 8 * 1024;
const MANIFEST = /^\{"parts":(\d+),"bytes":\d+\}$/;

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + maxBytes);
    while (utf8Length(text.slice(start, end)) > maxBytes) end -= Math.ceil((end - start) / 8);
    // Never split a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

function partsOf(store: KeyValueStore): number {
  const m = MANIFEST.exec(store.get(MODEL_KEY) ?? '');
  return m ? Number(m[1]) : 0;
}

export function saveModelJson(store: KeyValueStore, json: string): void {
  const before = partsOf(store);
  const parts = utf8Length(json) <= PART_BYTES ? [] : splitUtf8(json, PART_BYTES);
  parts.forEach((p, i) => store.set(`${MODEL_KEY}.${i + 1}`, p));
  store.set(
    MODEL_KEY,
    parts.length ? JSON.stringify({ parts: parts.length, bytes: utf8Length(json) }) : json,
  );
  for (let i = parts.length + 1; i <= before; i++) store.delete(`${MODEL_KEY}.${i}`);
}

/** The stored model's JSON, or null when there is none or a part is missing. */
export function loadModelJson(store: KeyValueStore): string | null {
  const head = store.get(MODEL_KEY);
  if (!head) return null;
  const parts = partsOf(store);
  if (parts === 0) return head;
  let json = '';
  for (let i = 1; i <= parts; i++) {
    const part = store.get(`${MODEL_KEY}.${i}`);
    if (part === null) return null;
    json += part;
  }
  return json;
}
