/**
 * Where a signature starts when the sender wrote no "-- " line: at a sign-off ("Best regards,",
 * "С уважением,", "Құрметпен,", "Saygılarımla,", "Med vennlig hilsen") standing alone on its line
 * and followed by a short line that reads like a name. Everything after it (name, title, phone,
 * a newsletter footer saying "unsubscribe or cancel your subscription") is the sender's template,
 * not what they say today.
 *
 * The name check keeps "Thanks!" followed by a real paragraph in the text: only a sign-off followed
 * by a short line without sentence punctuation, or by nothing at all, ends the message.
 */
import { foldText } from './fold';

/** Sign-offs in folded form (see fold.ts: "ı"→"i", "ş"→"s", "қ"→"к", "ø"→"o" …), per language. */
const SIGN_OFFS = [
  // en
  '(?:best|kind|warm|warmest|many thanks and|with best|with kind)? ?regards',
  'best(?: wishes)?',
  'all the best',
  'warmly',
  'cheers',
  '(?:many )?thanks(?: again| in advance)?',
  'thank you',
  'thx',
  '(?:yours )?sincerely',
  'yours',
  // ru
  'с уважением',
  'с наилучшими пожеланиями',
  '(?:заранее )?спасибо',
  'с теплом',
  'всего доброго',
  'спс',
  // kk
  'курметпен',
  '(?:алдын ала )?рахмет',
  'жылы лебизбен',
  'изги ниетпен',
  // tr
  'saygilarimla',
  'saygilarimizla',
  '(?:simdiden )?tesekkurler',
  'tesekkur ederim',
  'iyi calismalar',
  'sevgiler',
  'selamlar',
  'tsk',
  // no (and Nynorsk/Danish spellings)
  '(?:med )?vennlig hilsen',
  '(?:med )?venleg helsing',
  '(?:med )?venlig hilsen',
  'mvh',
  '(?:beste |varm )?hilsen',
  '(?:tusen |pa forhand )?takk',
];
const SIGN_OFF = new RegExp(`^(?:${SIGN_OFFS.join('|')})[ ,.!]*$`);

/** A name, title or company line: short, and not a sentence. */
function looksLikeName(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 60 && !/[.?!:]$/.test(text);
}

/**
 * True when `line` is a sign-off that ends the message: `next` is the next non-blank line, or
 * undefined when there is none.
 */
export function isSignOff(line: string, next: string | undefined): boolean {
  const text = line.trim();
  if (!text || text.length > 40) return false;
  if (!SIGN_OFF.test(foldText(text).text)) return false;
  return next === undefined || looksLikeName(next);
}
