import { foldText } from '../../../src/core/intent/fold';
import { correctTypos, oneEditApart } from '../../../src/core/intent/typos';

describe('oneEditApart', () => {
  it.each([
    ['cancle', 'cancel', true],
    ['acount', 'account', true],
    ['subscribtion', 'subscription', true],
    ['canceel', 'cancel', true],
    ['cancel', 'cancel', false],
    ['cnacle', 'cancel', false],
  ])('%s / %s: %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
  });
});

describe('correctTypos', () => {
  it('corrects a misspelt key word and maps it back to the whole original word', () => {
    const original = 'Please CANCLE it';
    const folded = correctTypos(foldText(original));
    expect(folded.text).toBe('please cancel it');
    const start = folded.text.indexOf('cancel');
    expect(original.slice(folded.from[start], folded.to[start + 5])).toBe('CANCLE');
  });

  it('returns the same text when nothing is misspelt, and skips short words', () => {
    const folded = foldText('We renew in May');
    expect(correctTypos(folded)).toBe(folded);
    expect(correctTypos(foldText('iptl')).text).toBe('iptl');
  });
});
