import { detectLanguage } from '../../../src/core/intent/language';

describe('detectLanguage', () => {
  it.each([
    ['en', 'Hi Sofia, please cancel our plan at the end of the month. Thanks, Ana'],
    ['ru', 'Добрый день! Мы вынуждены расторгнуть договор с 1 декабря. С уважением, Ольга'],
    ['kk', 'Сәлеметсіз бе! Келесі жылға келісімшартты ұзартпаймыз. Құрметпен, Дана'],
    ['kk', 'Салеметсиз бе! Биз келесим шартты узартпаймыз, себеби бюджет жок.'],
    ['tr', 'Merhaba Sofia, aboneliğimizi iptal etmek istiyoruz. Saygılarımla, Elif'],
    ['tr', 'Merhaba, bu ay icin odeme yapamiyoruz ve bir taksit plani istiyoruz.'],
    ['no', 'Hei Sofia, vi ønsker å si opp abonnementet vårt. Med vennlig hilsen Ola'],
    ['no', 'Hei, vi fornyar ikkje avtalen, og det er dessverre endeleg.'],
    ['no', 'Hej Sofia, vi ønsker at opsige vores abonnement. Venlig hilsen Mads'],
  ])('%s: %j', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('lets the text outvote a name in the signature', () => {
    expect(
      detectLanguage('Добрый день! Просим отменить подписку и закрыть аккаунт. Спасибо, Әсем Құрманқызы'),
    ).toBe('ru');
    expect(detectLanguage('Hi, we will not renew the contract this year, sorry. Best, Øystein Ødegård')).toBe(
      'en',
    );
  });

  it('says unknown when there is nothing to go on', () => {
    expect(detectLanguage('')).toBe('unknown');
    expect(detectLanguage('12345 !!! 😀')).toBe('unknown');
  });
});
