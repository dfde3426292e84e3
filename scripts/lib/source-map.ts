/**
 * Which source file wrote each stretch of esbuild's output, read from the source map esbuild emits
 * with it (https://sourcemaps.info/spec.html: `mappings` is base-64 VLQ, `;` between generated lines,
 * `,` between segments, each segment relative to the one before). Only what the build passes need:
 * the source of the code at a position.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface SourceMapJson {
  sources: string[];
  mappings: string;
}

/** The fields of one segment (generated column, source, line, column, name), each still relative. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`source map: bad character ${JSON.stringify(ch)}`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * A function from a position in `code` (a string index, as acorn gives) to the source file that wrote
 * the code there, or undefined before the first mapping of its line.
 */
export function sourceAt(code: string, map: SourceMapJson): (position: number) => string | undefined {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  // Absolute generated offsets and their source index, in order.
  const offsets: number[] = [];
  const sources: number[] = [];
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const [dColumn = 0, dSource] = decodeSegment(segment);
      column += dColumn;
      if (dSource === undefined) continue;
      source += dSource;
      offsets.push((lineStarts[lineIndex] ?? 0) + column);
      sources.push(source);
    }
  });
  return (position) => {
    let lo = 0;
    let hi = offsets.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid]! <= position) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : map.sources[sources[found]!];
  };
}
