/**
 * Finds the part of a reply the sender wrote today. Quoted history carries old intents (last month's
 * "we will not renew" quoted under today's "thanks, we'll stay"), so the detector reads only:
 *
 * - lines not starting with ">" (inline replies between quoted lines still count), and
 * - everything before the first reply header, forward/original-message separator, Outlook-style
 *   header block or signature delimiter ("-- "), and nothing after a sign-off line ("Best regards,",
 *   "Saygılarımla,", see signoff.ts).
 *
 * Reply headers recognised, as mail clients write them in the five languages:
 *   en  "On Mon, 3 Nov 2025 at 10:00, Ana <ana@x> wrote:" (also wrapped over two lines)
 *   ru  "3 нояб. 2025 г., в 10:00, Иван <ivan@x> написал(а):", "… пишет:"
 *   tr  "3 Kas 2025 Pzt, 10:00 tarihinde Ayşe <a@x> şunu yazdı:"
 *   no  "tor. 20. nov. 2025 kl. 10:00 skrev Kari <k@x>:", Danish "Den 20. nov. … skrev …:", Nynorsk "skreiv"
 *   kk  "… <a@x> жазды:"
 *   any "<date> <time>, Name <address>:" (Gmail in locales that write no verb)
 * and Outlook's "From:/Sent:" block in each language ("От:/Отправлено:", "Kimden:/Gönderildi:",
 * "Fra:/Sendt:", "Кімнен:/Жіберілді:").
 */
import { foldText } from './fold';
import { isSignOff } from './signoff';

const REPLY_HEADERS = [
  /^on .{0,240} wrote:$/,
  /(?:написал|написала|написал\(а\)|пишет|писал|писала|писал\(а\)):$/,
  /yazdi:$/,
  /\d.{0,240}\b(?:skrev|skreiv)(?: folgende)?:$/,
  /(?:^den |^\d).{0,240}\bskrev .{0,240}:$/,
  /(?:жазды|жазган):$/,
  /\d{1,2}[:.]\d{2}.{0,200}@.{0,200}:$/,
];

const SEPARATOR =
  /^[-_*\s]*-{2,}\s*(?:original message|forwarded message|begin forwarded message|opprinnelig melding|videresendt melding|oprindelig meddelelse|videresendt besked|videresendt|исходное сообщение|пересылаемое сообщение|пересланное сообщение|orijinal mesaj|iletilen ileti|iletilen mesaj|бастапкы хабар\p{L}*|кайта жиберилген хабар\p{L}*)/u;
const UNDERSCORES = /^\s*_{8,}\s*$/;
const FROM_FIELD = /^\**(?:from|fra|fran|от|от кого|kimden|gonderen|кимнен):\**\s/;
const DATE_FIELD =
  /^\**(?:sent|date|sendt|dato|skickat|datum|отправлено|дата|gonderildi|gonderilme tarihi|tarih|жиберилди|жиберилген|куни):\**/;

interface Line {
  start: number;
  end: number;
  raw: string;
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body.charCodeAt(i) === 10) {
      const end = i > start && body.charCodeAt(i - 1) === 13 ? i - 1 : i;
      lines.push({ start, end, raw: body.slice(start, end) });
      start = i + 1;
    }
  }
  return lines;
}

const fold = (s: string) => foldText(s).text.trim();

function isReplyHeader(line: string, next: string | undefined): boolean {
  const endsWithColon = /:\s*$/.test(line);
  const nextEndsWithColon = next !== undefined && /:\s*$/.test(next);
  if (!endsWithColon && !nextEndsWithColon) return false;
  if (endsWithColon && REPLY_HEADERS.some((re) => re.test(fold(line)))) return true;
  // Clients wrap long headers: "On Mon, … Ana <" / "ana@x> wrote:".
  if (!endsWithColon && next !== undefined && !/^\s*>/.test(next)) {
    const joined = fold(`${line} ${next}`);
    return REPLY_HEADERS.some((re) => re.test(joined));
  }
  return false;
}

function isHeaderBlock(lines: Line[], i: number): boolean {
  const first = lines[i]?.raw ?? '';
  if (!/^\s*\**[\p{L} ]{2,12}:/u.test(first) || !FROM_FIELD.test(fold(first))) return false;
  for (let k = i + 1; k < Math.min(lines.length, i + 5); k++) {
    if (DATE_FIELD.test(fold(lines[k]?.raw ?? ''))) return true;
  }
  return false;
}

function nextNonBlank(lines: Line[], i: number): string | undefined {
  for (let k = i + 1; k < lines.length; k++) {
    const raw = lines[k]?.raw ?? '';
    if (raw.trim()) return raw;
  }
  return undefined;
}

/** [start, end) ranges of `body` the sender wrote in this message. */
export function unquotedRanges(body: string): Array<[number, number]> {
  const lines = splitLines(body);
  const ranges: Array<[number, number]> = [];
  let open: [number, number] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const raw = line.raw;
    if (raw === '-- ' || raw.trim() === '--') break;
    const dashed = /^\s*[-_*]/.test(raw);
    if ((dashed && (SEPARATOR.test(fold(raw)) || UNDERSCORES.test(raw))) || isHeaderBlock(lines, i)) break;
    if (isReplyHeader(raw, lines[i + 1]?.raw)) break;
    if (/^\s*>/.test(raw)) {
      open = null;
      continue;
    }
    if (open) open[1] = line.end;
    else {
      open = [line.start, line.end];
      ranges.push(open);
    }
    // The sign-off itself stays (it says nothing either way); the name and footer under it go.
    if (isSignOff(raw, nextNonBlank(lines, i))) break;
  }
  // Trim each range to its text, so blank lines before a header or signature are not kept.
  const trimmed: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(body.charAt(s))) s++;
    while (e > s && /\s/.test(body.charAt(e - 1))) e--;
    if (e > s) trimmed.push([s, e]);
  }
  return trimmed;
}
