/**
 * Raw DEFLATE decoding (RFC 1951), for the tables the bundle ships packed (./pack.ts). Apps Script
 * has Utilities.ungzip, but core code may not touch services, and a service call per execution would
 * cost more than decoding ~25 KB here. Written after the RFC's own description (canonical Huffman
 * codes, as zlib's reference decoder "puff" decodes them, plus a look-up table for the short codes
 * that are most of the data).
 */

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** The order in which a dynamic block lists the code-length code's lengths (RFC 1951, 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Codes up to this many bits are decoded with one table look-up; longer ones bit by bit. */
const FAST_BITS = 9;

/**
 * A canonical Huffman code: how many codes of each bit length, the symbols in code order, and a
 * table from the next FAST_BITS input bits (least significant first, as DEFLATE stores codes
 * reversed) to `symbol << 4 | length`, 0 where the code is longer.
 */
interface Huffman {
  counts: number[];
  symbols: number[];
  fast: Int32Array;
}

function huffman(lengths: readonly number[]): Huffman {
  const counts = new Array<number>(16).fill(0);
  for (const length of lengths) counts[length]!++;
  counts[0] = 0;
  const offsets = [0, 0];
  for (let length = 1; length < 15; length++) offsets.push(offsets[length]! + counts[length]!);
  const symbols: number[] = [];
  lengths.forEach((length, symbol) => {
    if (length !== 0) symbols[offsets[length]!++] = symbol;
  });
  // The first code of each length (RFC 1951, 3.2.2), then each symbol's code in symbol order.
  const nextCode = [0, 0];
  for (let length = 1, code = 0; length < 15; length++) {
    code = (code + counts[length]!) << 1;
    nextCode.push(code);
  }
  const fast = new Int32Array(1 << FAST_BITS);
  lengths.forEach((length, symbol) => {
    if (length === 0 || length > FAST_BITS) return;
    const code = nextCode[length]!++;
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
    for (let fill = reversed; fill < 1 << FAST_BITS; fill += 1 << length) {
      fast[fill] = (symbol << 4) | length;
    }
  });
  return { counts, symbols, fast };
}

export function inflateRaw(input: Uint8Array, outputLength: number): Uint8Array {
  const out = new Uint8Array(outputLength);
  let written = 0;
  let position = 0;
  let bitBuffer = 0;
  let bitCount = 0;

  const bits = (need: number): number => {
    while (bitCount < need) {
      if (position >= input.length) throw new Error('inflate: the packed data ends too early');
      bitBuffer |= input[position++]! << bitCount;
      bitCount += 8;
    }
    const value = bitBuffer & ((1 << need) - 1);
    bitBuffer >>>= need;
    bitCount -= need;
    return value;
  };

  const decode = (code: Huffman): number => {
    // Top up to FAST_BITS bits where the input allows; past its end the look-up sees zeros.
    while (bitCount < FAST_BITS && position < input.length) {
      bitBuffer |= input[position++]! << bitCount;
      bitCount += 8;
    }
    const entry = code.fast[bitBuffer & ((1 << FAST_BITS) - 1)]!;
    if (entry !== 0 && (entry & 15) <= bitCount) {
      bitBuffer >>>= entry & 15;
      bitCount -= entry & 15;
      return entry >> 4;
    }
    let bitsSoFar = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length < 16; length++) {
      bitsSoFar |= bits(1);
      const count = code.counts[length]!;
      if (bitsSoFar - count < first) return code.symbols[index + bitsSoFar - first]!;
      index += count;
      first = (first + count) << 1;
      bitsSoFar <<= 1;
    }
    throw new Error('inflate: an invalid Huffman code');
  };

  const blockCodes = (type: number): [Huffman, Huffman] => {
    if (type === 1) {
      const lengths: number[] = [];
      for (let symbol = 0; symbol < 288; symbol++) {
        lengths.push(symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8);
      }
      return [huffman(lengths), huffman(new Array<number>(30).fill(5))];
    }
    const literalCount = bits(5) + 257;
    const distanceCount = bits(5) + 1;
    const codeLengthCount = bits(4) + 4;
    const codeLengthLengths = new Array<number>(19).fill(0);
    for (let i = 0; i < codeLengthCount; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = bits(3);
    const codeLengthCode = huffman(codeLengthLengths);
    const lengths: number[] = [];
    while (lengths.length < literalCount + distanceCount) {
      const symbol = decode(codeLengthCode);
      if (symbol < 16) lengths.push(symbol);
      else {
        const repeat = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
        const value = symbol === 16 ? lengths[lengths.length - 1] : 0;
        if (value === undefined) throw new Error('inflate: a repeat with nothing to repeat');
        for (let i = 0; i < repeat; i++) lengths.push(value);
      }
    }
    return [huffman(lengths.slice(0, literalCount)), huffman(lengths.slice(literalCount))];
  };

  for (let last = 0; !last;) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // A stored block: byte-aligned length, its complement, then the bytes as they are.
      bitBuffer = 0;
      bitCount = 0;
      const length = input[position]! | (input[position + 1]! << 8);
      position += 4;
      out.set(input.subarray(position, position + length), written);
      position += length;
      written += length;
      continue;
    }
    if (type === 3) throw new Error('inflate: an invalid block type');
    const [literals, distances] = blockCodes(type);
    for (let symbol = decode(literals); symbol !== 256; symbol = decode(literals)) {
      if (symbol < 256) {
        out[written++] = symbol;
        continue;
      }
      const length = LENGTH_BASE[symbol - 257]! + bits(LENGTH_EXTRA[symbol - 257]!);
      const distanceSymbol = decode(distances);
      const distance = DISTANCE_BASE[distanceSymbol]! + bits(DISTANCE_EXTRA[distanceSymbol]!);
      // A repeat that overlaps the bytes it creates ("abab…" from "ab") is copied byte by byte.
      if (distance >= length) out.copyWithin(written, written - distance, written - distance + length);
      else for (let i = 0; i < length; i++) out[written + i] = out[written + i - distance]!;
      written += length;
    }
  }
  if (written !== outputLength) throw new Error('inflate: the packed data is not the expected length');
  return out;
}
