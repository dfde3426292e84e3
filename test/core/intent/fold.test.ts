import { foldPattern, foldText, originalSpan } from '../../../src/core/intent/fold';

describe('foldText', () => {
  it('folds Turkish dotted and dotless i, in either case, to one i', () => {
    expect(foldText('İPTAL IPTAL ıptal iptal').text).toBe('iptal iptal iptal iptal');
    expect(foldText('ŞİKAYET ÖDEME ÇOK PAHALI ĞÜ').text).toBe('sikayet odeme cok pahali gu');
  });

  it('composes decomposed characters (NFC) before folding', () => {
    const decomposed = 'S\u0327ikayet e\u0301'; // S + cedilla, e + acute
    const f = foldText(decomposed);
    expect(f.text).toBe('sikayet e');
    expect(originalSpan(f, 0, 7)).toEqual([0, 8]);
  });

  it('folds Kazakh letters and ё onto Russian look-alikes, upper case too', () => {
    expect(foldText('ҚЫМБАТ қымбат Әә Ғғ Ңң Өө Ұұ Үү Һһ Іі Ёё').text).toBe(
      'кымбат кымбат аа гг нн оо уу уу хх ии ее',
    );
  });

  it('reads a Latin look-alike inside a Cyrillic word as Cyrillic', () => {
    // "келiсiмшарт" typed with Latin i, as Kazakh keyboards without і often do.
    expect(foldText('келiсiмшарт').text).toBe(foldText('келісімшарт').text);
    expect(foldText('iPhone').text).toBe('iphone');
  });

  it('folds Norwegian and Danish letters and typographic punctuation', () => {
    expect(foldText('Misfornøyd – «for dyrt» … vi’re ÆØÅ').text).toBe('misfornoyd - "for dyrt" . vi\'re aoa');
  });

  it('collapses whitespace, keeps a blank line as a paragraph break, drops invisible characters', () => {
    expect(foldText('  we\u00a0 will\tnot\r\nrenew\n\n\nthe\u200b con\u00adtract  ').text).toBe(
      'we will not renew\nthe contract',
    );
  });

  it('maps every folded character back to the original', () => {
    const original = 'Hi  ABONELİĞİMİZİ\n iptal';
    const f = foldText(original);
    const at = f.text.indexOf('aboneligimizi');
    const [from, to] = originalSpan(f, at, at + 'aboneligimizi iptal'.length);
    expect(original.slice(from, to)).toBe('ABONELİĞİMİZİ\n iptal');
  });

  it('reads only the given ranges, joined by a paragraph break', () => {
    const original = 'keep this\n> skip this\nand this';
    const f = foldText(original, [
      [0, 9],
      [22, 30],
    ]);
    expect(f.text).toBe('keep this\nand this');
    const at = f.text.indexOf('and');
    expect(originalSpan(f, at, at + 3)).toEqual([22, 25]);
  });

  it('handles astral characters and empty input', () => {
    expect(foldText('😀 OK').text).toBe('😀 ok');
    expect(foldText('')).toEqual({ text: '', from: [], to: [] });
  });
});

describe('foldPattern', () => {
  it('folds letters but leaves escapes and property classes alone', () => {
    expect(foldPattern('İPTAL\\s\\S\\p{L}\\P{L}Şikâyet')).toBe('iptal\\s\\S\\p{L}\\P{L}sikayet');
    expect(foldPattern('ҚЫМБАТ|(?:ё)')).toBe('кымбат|(?:е)');
  });
});
