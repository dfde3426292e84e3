/** pack (build time) and unpack (the bundle) must give back exactly the text, whatever the text. */
import { unpack } from '../../../src/core/text/pack';
import { codePageBytes, pack } from '../../../scripts/lib/pack';

describe('pack', () => {
  it.each([
    ['empty', ''],
    ['one character', 'x'],
    ['a run that overlaps its own copy', 'ab'.repeat(500)],
    ['backslashes and quotes', '\\\\p{L}"\'`\\'],
    ['Cyrillic beside ASCII letters', 'подписку subscription подписка Subscription ЁЖЗ'.repeat(20)],
    [
      'more than 52 distinct Cyrillic letters',
      'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВГДЕЁЖЗИЙКЛМНОПРСТУ'.repeat(3),
    ],
    [
      'more characters above U+007F than its code page holds, and emoji',
      Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x100 + i)).join('') +
        '😀 ünïcödé 😀'.repeat(5),
    ],
  ])('gives back %s', (_name, text) => {
    expect(unpack(pack(text))).toBe(text);
  });

  it('shortens repeated text and needs no escapes beyond what the text has', () => {
    const text = '(?:subscriptions?|accounts?|contracts?) _ cancel~|'.repeat(200);
    const packed = pack(text);
    expect(packed.length).toBeLessThan(text.length / 10);
    expect(packed).not.toMatch(/["'`\\]/);
  });

  it('writes each character above U+007F in one byte when its code page has room', () => {
    const cyrillic = codePageBytes('подписка');
    // The page: 7 letters (2 bytes each) after its size; then one byte per letter.
    expect(cyrillic[0]).toBe(7);
    expect(cyrillic.length).toBe(1 + 7 * 2 + 8);
    expect([...cyrillic.subarray(15)].every((b) => b >= 0x80 && b < 0xff)).toBe(true);
    const crowded = codePageBytes(
      Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x400 + i)).join(''),
    );
    expect(crowded[0]).toBe(127);
    expect(crowded.length).toBe(1 + 127 * 2 + 127 + 73 * 3);
  });

  it('refuses a text with a lone surrogate, which UTF-8 cannot carry', () => {
    expect(() => pack('half an emoji: \ud83d')).toThrow(/lone surrogate/);
  });

  it('rejects text that is not a packed table', () => {
    expect(() => unpack('abc')).toThrow(/not a packed table/);
    expect(() => unpack(`${pack('some text').slice(0, -5)}"""""`)).toThrow(/not a packed table/);
    // Cut short: the deflated stream ends before its last block.
    const long = pack('x'.repeat(10) + 'cancel our subscription '.repeat(50) + 'ø');
    expect(() => unpack(long.slice(0, 10) + long.slice(10, 20))).toThrow(/inflate/);
  });
});
