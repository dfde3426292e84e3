import { detectIntent, detectLanguage } from '../../../src/core/intent/detect';
import { fold } from '../../../src/core/intent/normalise';
import { currentMessageText } from '../../../src/core/intent/quoted';

const strongest = (body: string, subject = '') => detectIntent({ subject, body }).strongest;

describe('churn intent in five languages', () => {
  it.each([
    [
      'en',
      'Hi Sofia,\n\nPlease cancel our subscription at the end of the month.\n\nBest,\nAna',
      'cancellation',
      'cancel our subscription',
    ],
    ['en', 'We have decided we will not renew the contract.', 'nonRenewal', 'will not renew'],
    [
      'en',
      'Unless you match their price we are switching to a cheaper provider.',
      'competitor',
      'switching to a cheaper provider',
    ],
    ['en', 'Honestly the plan is too expensive for us now.', 'price', 'too expensive'],
    [
      'en',
      'Could we pay the invoice in installments over three months?',
      'paymentDelay',
      'pay the invoice in installments',
    ],
    ['en', 'Three weeks without an answer. This is unacceptable.', 'complaint', 'This is unacceptable'],
    ['en', 'We would like to downgrade to Starter.', 'downgrade', 'downgrade'],
    [
      'ru',
      'Добрый день! Мы вынуждены расторгнуть договор с 1 декабря.',
      'cancellation',
      'расторгнуть договор',
    ],
    ['ru', 'Сообщаем, что не будем продлевать подписку.', 'nonRenewal', 'не будем продлевать'],
    ['ru', 'Просим предоставить отсрочку платежа.', 'paymentDelay', 'отсрочку платежа'],
    ['ru', 'Это слишком дорого для нас.', 'price', 'слишком дорого'],
    ['ru', 'Мы переходим к другому поставщику.', 'competitor', 'переходим к другому'],
    ['kk', 'Келісімшартты ұзартпаймыз.', 'nonRenewal', 'ұзартпаймыз'],
    [
      'kk',
      'Төлемді келесі айға кейінге қалдыруға бола ма?',
      'paymentDelay',
      'Төлемді келесі айға кейінге қалдыруға',
    ],
    ['kk', 'Бұл ресми шағым.', 'complaint', 'шағым'],
    ['kk', 'Бағасы тым қымбат.', 'price', 'тым қымбат'],
    ['tr', 'Aboneliğimizi iptal etmek istiyoruz.', 'cancellation', 'Aboneliğimizi iptal'],
    ['tr', 'ABONELİĞİMİZİ İPTAL EDİN LÜTFEN', 'cancellation', 'ABONELİĞİMİZİ İPTAL'],
    ['tr', 'Sözleşmeyi yenilemeyeceğiz.', 'nonRenewal', 'yenilemeyeceğiz'],
    ['tr', 'Ödemeyi ertelemek mümkün mü? Taksit de olur.', 'paymentDelay', 'Ödemeyi ertelemek'],
    ['no', 'Vi ønsker å si opp abonnementet vårt.', 'cancellation', 'si opp abonnementet'],
    ['no', 'Vi fornyer ikke avtalen i januar.', 'nonRenewal', 'fornyer ikke'],
    ['no', 'Kan vi utsette betalingen med 60 dager?', 'paymentDelay', 'utsette betalingen'],
    ['no', 'Vi er svært misfornøyde med supporten.', 'complaint', 'misfornøyde'],
  ])('%s: %j → %s', (_lang, body, intent, phrase) => {
    const s = strongest(body);
    expect(s?.intent).toBe(intent);
    expect(s?.phrase).toBe(phrase);
  });

  it('detects the language', () => {
    expect(detectLanguage('Добрый день, расторгнуть договор')).toBe('ru');
    expect(detectLanguage('Сәлеметсіз бе! Келісімшартты ұзартпаймыз')).toBe('kk');
    expect(detectLanguage('Merhaba, aboneliğimizi iptal etmek istiyoruz')).toBe('tr');
    expect(detectLanguage('Hei, vi ønsker å si opp avtalen')).toBe('no');
    expect(detectLanguage('Hi, please cancel our plan')).toBe('en');
  });
});

describe('what does not count', () => {
  it.each([
    'We do not want to cancel our subscription, we love it.',
    'Мы не собираемся отменять подписку.',
    'Aboneliğimizi iptal etmek istemiyoruz.',
    'Vi ønsker ikke å si opp abonnementet.',
  ])('a negated intent: %j', (body) => {
    expect(detectIntent({ body }).intents.filter((i) => i.intent === 'cancellation')).toEqual([]);
  });

  it.each([
    'Can we cancel the meeting tomorrow? Something came up.',
    'The renewal of our office lease is due in March.',
    'Please find the price list attached.',
    'Invoice #1042 has been sent to accounting.',
    'Let us schedule a call next week to discuss the roadmap.',
  ])('an ordinary business email: %j', (body) => {
    expect(detectIntent({ body }).churnSignal).toBe(0);
  });

  it('ignores an old cancellation quoted below today’s happy reply', () => {
    const body =
      'Great news, we are staying and want to add 10 more seats!\n\nOn Mon, 2 Nov 2026, Ana wrote:\n> Please cancel our subscription.\n';
    const r = detectIntent({ body });
    expect(r.churnSignal).toBe(0);
    expect(r.intents.map((i) => i.intent)).toEqual(['expansion']);
    expect(currentMessageText('Hei\n\nDen 2. nov. 2026 skrev Ola:\n> si opp')).toBe('Hei\n\n');
  });

  it('weakens a conditional threat and reads the subject too', () => {
    expect(strongest('If the price goes up again we will cancel our contract.')?.confidence).toBeCloseTo(
      0.45,
    );
    expect(strongest('Hi, see below', 'Cancellation request')?.intent).toBe('cancellation');
  });

  it('combines several churn intents into one signal, below 1', () => {
    const r = detectIntent({
      body: 'This is too expensive and support is unacceptable. Please cancel our account.',
    });
    expect(r.intents.map((i) => i.intent).sort()).toEqual(['cancellation', 'complaint', 'price']);
    expect(r.churnSignal).toBeGreaterThan(0.99);
    expect(r.churnSignal).toBeLessThanOrEqual(1);
  });

  it('handles an empty and a long email', () => {
    expect(detectIntent({ body: '' })).toEqual({ language: 'en', intents: [], churnSignal: 0 });
    const long = `${'We had a good quarter and the team is busy. '.repeat(500)}Please cancel our subscription.`;
    expect(strongest(long)?.intent).toBe('cancellation');
  });
});

describe('folding', () => {
  it('maps folded text back to the original', () => {
    const f = fold('İPTAL  ədin');
    expect(f.text).toBe('iptal ədin');
    expect(f.origin.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
