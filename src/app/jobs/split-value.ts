/**
 * A JSON value larger than one user property (9 KB a value) kept over several keys, committed by
 * one write. The pieces go under one of two generations; the head key, written last, names the
 * generation and piece count. An execution killed while writing pieces leaves the head pointing at
 * the previous generation, whose pieces it did not touch, so a reader sees the old value whole or the
 * new value whole, never a mix.
 */
import type { KeyValueStore } from '../../ports/key-value-store';

/** Characters per piece; the JSON is pure ASCII (see asciiJson), so also bytes, under 9 KB with the key. */
export const PIECE_CHARS = 8_000;

export interface SplitRef {
  gen: 0 | 1;
  pieces: number;
}

/** JSON with every non-ASCII character escaped, so a property's byte limit is a character limit. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const pieceKey = (prefix: string, gen: number, i: number) => `${prefix}.${gen}.${i}`;

/** Writes the value's pieces under the generation not in use; the caller commits the returned ref. */
export function writePieces(
  store: KeyValueStore,
  prefix: string,
  value: unknown,
  current?: SplitRef,
): SplitRef {
  const gen: 0 | 1 = current?.gen === 0 ? 1 : 0;
  const json = asciiJson(value);
  let pieces = 0;
  for (let i = 0; i < json.length || i === 0; i += PIECE_CHARS)
    store.set(pieceKey(prefix, gen, pieces++), json.slice(i, i + PIECE_CHARS));
  return { gen, pieces };
}

export function readPieces(store: KeyValueStore, prefix: string, ref: SplitRef): unknown {
  let json = '';
  for (let i = 0; i < ref.pieces; i++) {
    const piece = store.get(pieceKey(prefix, ref.gen, i));
    if (piece === null) return undefined;
    json += piece;
  }
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Deletes a generation's pieces once nothing points at it. */
export function deletePieces(store: KeyValueStore, prefix: string, ref: SplitRef | undefined): void {
  if (!ref) return;
  for (let i = 0; i < ref.pieces; i++) store.delete(pieceKey(prefix, ref.gen, i));
}
