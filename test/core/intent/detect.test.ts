import {
  CHURN_INTENTS,
  describeIntent,
  detectIntents,
  emailIntentSignal,
  MAX_SCANNED_CHARS,
  type IntentHit,
  type IntentId,
} from '../../../src/core/intent';
import { detectIntent } from '../../../src/core/intent/detect';
import { CORPUS } from './corpus';

const find = (r: { intents: IntentHit[] }, intent: IntentId) => r.intents.find((i) => i.intent === intent);
const churnIntents = (r: { intents: IntentHit[] }) => r.intents.filter((i) => i.intent !== 'expansion');

describe('realistic emails, two per churn intent in each language', () => {
  it('covers every churn intent twice in every language', () => {
    for (const language of ['en', 'ru', 'kk', 'tr', 'no'] as const)
      for (const intent of CHURN_INTENTS)
        expect(CORPUS.filter((e) => e.language === language && e.intent === intent)).toHaveLength(2);
  });

  it.each(CORPUS.map((e) => [e.language, e.intent, e.phrase, e] as const))(
    '%s %s: “%s”',
    (language, intent, phrase, email) => {
      const r = detectIntents({ subject: email.subject, plainBody: email.body });
      const hit = find(r, intent);
      expect(hit?.phrase).toBe(phrase);
      expect(churnIntents(r)[0]?.intent).toBe(intent);
      expect(r.language).toBe(language);
      expect(r.churnSignal).toBeGreaterThan(0.2);
      // The phrase is a span of the original text, and index points at it.
      const source = hit?.source === 'subject' ? email.subject : email.body;
      expect(source.slice(hit?.index, (hit?.index ?? 0) + phrase.length)).toBe(phrase);
      if (email.quotedIntent) expect(find(r, email.quotedIntent)).toBeUndefined();
    },
  );
});

describe('more ways to say it', () => {
  it.each([
    ['cancellation', "We'd like to close our account by the end of the month."],
    ['cancellation', 'Kindly cancel the subscription for Oak Live.'],
    ['cancellation', 'This email serves as our notice of termination.'],
    ['cancellation', 'We have decided to end our partnership with Nimbus.'],
    ['cancellation', 'We want to stop using your platform from January.'],
    ['nonRenewal', "We won't be renewing our subscription."],
    ['nonRenewal', 'Please turn off auto-renewal for our account.'],
    ['nonRenewal', 'We do not intend to renew the licence.'],
    ['competitor', 'We have signed with another vendor.'],
    ['competitor', 'We decided to go with a competitor.'],
    ['competitor', 'We are evaluating alternatives to Nimbus.'],
    ['price', 'We simply cannot afford it anymore.'],
    ['price', 'Your prices have gone up too much.'],
    ['price', 'The cost is not justified by the value we get.'],
    ['paymentDelay', 'Could we get an extension on the invoice due date?'],
    ['paymentDelay', 'We are unable to pay this month.'],
    ['paymentDelay', 'Is it possible to defer the November payment?'],
    ['paymentDelay', 'Could we postpone this month’s payment? Bookings have collapsed.'],
    ['complaint', 'Your support team has been useless.'],
    ['complaint', 'This keeps happening and nobody fixes it.'],
    ['downgrade', 'Please remove 5 seats from our plan.'],
    ['downgrade', 'We need fewer licenses next year.'],
    ['expansion', 'We would like to upgrade to the Pro plan.'],
    ['cancellation', 'Прошу закрыть наш аккаунт.'],
    ['cancellation', 'Отмените, пожалуйста, подписку.'],
    ['cancellation', 'Мы отказываемся от ваших услуг.'],
    ['cancellation', 'Прекращаем сотрудничество с 1 января.'],
    ['nonRenewal', 'Продление договора не планируется.'],
    ['nonRenewal', 'Подписку продлевать не станем.'],
    ['competitor', 'Мы нашли более дешёвую альтернативу.'],
    ['competitor', 'Уходим к конкуренту.'],
    ['price', 'Цены выросли, для нас это дорого.'],
    ['paymentDelay', 'Можно ли оплатить частями?'],
    ['paymentDelay', 'Просим рассрочку на три месяца.'],
    ['complaint', 'Это уже пятый раз, поддержка не отвечает.'],
    ['complaint', 'Хотим подать жалобу.'],
    ['downgrade', 'Хотим перейти на тариф подешевле.'],
    ['cancellation', 'Келісімшартты тоқтатқымыз келеді.'],
    ['cancellation', 'Аккаунтымызды жабуды сұраймыз.'],
    ['nonRenewal', 'Жазылымды ұзартпаймыз.'],
    ['competitor', 'Бәсекелес компания арзан баға ұсынды.'],
    ['price', 'Қызмет бізге өте қымбат.'],
    ['paymentDelay', 'Төлемді кешіктіруге рұқсат етіңіз.'],
    ['complaint', 'Қызметке көңіліміз толмайды.'],
    ['downgrade', 'Пайдаланушылар санын азайтқымыз келеді.'],
    ['cancellation', 'Üyeliğimizi iptal ettirmek istiyoruz.'],
    ['cancellation', 'Sözleşmeyi feshediyoruz.'],
    ['cancellation', 'Hizmetinizi artık kullanmayacağız.'],
    ['nonRenewal', 'Aboneliğimizi yenilemek istemiyoruz.'],
    ['competitor', 'Farklı bir firmayla anlaştık.'],
    ['price', 'Fiyatlarınız çok yüksek.'],
    ['paymentDelay', 'Ödemeyi gelecek aya erteleyebilir miyiz?'],
    ['paymentDelay', 'Taksitlendirme yapabilir misiniz?'],
    ['complaint', 'Hizmetinizden memnun kalmadık.'],
    ['downgrade', 'Paketimizi düşürmek istiyoruz.'],
    ['cancellation', 'Vi ønsker å avslutte abonnementet.'],
    ['cancellation', 'Vi vil si opp kontrakten.'],
    ['cancellation', 'Vær så snill å slette kontoen vår.'],
    ['nonRenewal', 'Avtalen vil ikke bli fornyet.'],
    ['nonRenewal', 'Vi kommer ikke til å fornye.'],
    ['competitor', 'Vi har valgt en annen leverandør.'],
    ['price', 'Prisen er altfor høy for oss.'],
    ['paymentDelay', 'Kan vi betale i avdrag?'],
    ['paymentDelay', 'Vi trenger mer tid til å betale fakturaen.'],
    ['complaint', 'Vi er ikke fornøyde med tjenesten.'],
    ['downgrade', 'Vi vil gå ned til en mindre pakke.'],
  ] as const)('%s: %j', (intent, body) => {
    expect(find(detectIntents({ plainBody: body }), intent)).toBeDefined();
  });
});

describe('negation', () => {
  it.each([
    ['en', 'We do not want to cancel our subscription, we love the product.'],
    ['en', 'To be clear, we have no plans to cancel our account.'],
    ['en', 'We are not going to terminate the contract.'],
    ['ru', 'Мы не собираемся отменять подписку, просто уточняем условия.'],
    ['ru', 'Отказываться от подписки не планируем.'],
    ['kk', 'Біз жазылымнан бас тартқымыз келмейді.'],
    ['kk', 'Жазылымнан бас тартпаймыз, тек сұрақ қойғымыз келді.'],
    ['tr', 'Aboneliğimizi iptal etmek istemiyoruz, sadece bir sorumuz var.'],
    ['tr', 'Aboneliğimizi iptal etmeyeceğiz.'],
    ['no', 'Vi ønsker ikke å si opp abonnementet.'],
    ['no', 'Vi har ingen planer om å si opp avtalen.'],
  ])('%s: %j is not a cancellation', (_language, body) => {
    expect(find(detectIntents({ plainBody: body }), 'cancellation')).toBeUndefined();
  });

  it.each([
    ['en', 'We will definitely renew next year.'],
    ['ru', 'Мы планируем продлить договор ещё на год.'],
    ['kk', 'Келісімшартты тағы бір жылға ұзартпақпыз.'],
    ['tr', 'Sözleşmeyi yenilemeyi düşünüyoruz.'],
    ['no', 'Vi fornyer avtalen for to nye år.'],
  ])('%s: a positive renewal %j is not a non-renewal', (_language, body) => {
    expect(detectIntents({ plainBody: body }).churnSignal).toBe(0);
  });

  it('keeps the other intent when one is negated: “not cancel, but downgrade”', () => {
    const r = detectIntents({
      plainBody: 'We do not want to cancel our subscription, but we need to reduce our seats to 5.',
    });
    expect(find(r, 'cancellation')).toBeUndefined();
    expect(find(r, 'downgrade')?.phrase).toBe('reduce our seats');
  });
});

describe('hedges weaken a signal; conditions take it off the card', () => {
  it.each([
    [
      'en',
      'Please cancel our subscription.',
      'If the price goes up again, we might cancel our subscription.',
    ],
    ['ru', 'Просим отменить подписку.', 'Если цены вырастут, возможно, придётся отменить подписку.'],
    ['kk', 'Жазылымнан бас тартамыз.', 'Егер баға көтерілсе, жазылымнан бас тартуымыз мүмкін.'],
    ['tr', 'Aboneliğimizi iptal ediyoruz.', 'Fiyatlar artarsa aboneliğimizi iptal edebiliriz.'],
    ['no', 'Vi sier opp avtalen.', 'Hvis prisen øker, kan det hende vi sier opp avtalen.'],
  ])('%s: %j is shown, %j is not', (_language, plain, conditional) => {
    expect(find(detectIntents({ plainBody: plain }), 'cancellation')?.hedged).toBe(false);
    // A condition is not what the customer says today: the card must not show it as an intent.
    expect(find(detectIntents({ plainBody: conditional }), 'cancellation')).toBeUndefined();
  });

  it('shows a hedged phrase, marked hedged and weaker than a plain one', () => {
    const plain = find(detectIntents({ plainBody: 'We will cancel our subscription.' }), 'cancellation');
    const hedged = find(detectIntents({ plainBody: 'We might cancel our subscription.' }), 'cancellation');
    expect(hedged?.hedged).toBe(true);
    expect(hedged?.confidence).toBeLessThan(plain?.confidence ?? 0);
  });

  it('treats a condition as a condition, and politeness as politeness', () => {
    expect(
      find(
        detectIntents({ plainBody: 'We will switch to another provider unless you fix this.' }),
        'competitor',
      ),
    ).toBeUndefined();
    expect(
      find(
        detectIntents({ plainBody: 'If possible, could we postpone the payment to January?' }),
        'paymentDelay',
      )?.hedged,
    ).toBe(false);
  });
});

describe('Turkish casing', () => {
  it.each([
    ['ABONELİĞİMİZİ İPTAL ETMEK İSTİYORUZ', 'ABONELİĞİMİZİ İPTAL ETMEK'],
    ['ABONELIĞIMIZI IPTAL ETMEK ISTIYORUZ', 'ABONELIĞIMIZI IPTAL ETMEK'],
    ['Aboneliğimizi İptal etmek istiyoruz', 'Aboneliğimizi İptal etmek'],
    ['aboneligimizi iptal etmek istiyoruz', 'aboneligimizi iptal etmek'],
  ])('%j is a cancellation shown as written', (body, phrase) => {
    const hit = find(detectIntents({ plainBody: body }), 'cancellation');
    expect(hit?.phrase).toBe(phrase);
    expect(hit?.confidence).toBeGreaterThan(0.8);
  });

  it('folds decomposed characters and Kazakh letters typed on a Russian keyboard', () => {
    expect(find(detectIntents({ plainBody: 'Şi\u0307kayet edi\u0307yoruz.' }), 'complaint')).toBeDefined();
    expect(find(detectIntents({ plainBody: 'Бұл ресми шагым.' }), 'complaint')?.phrase).toBe('шагым');
    expect(find(detectIntents({ plainBody: 'БАҒАСЫ ТЫМ ҚЫМБАТ' }), 'price')?.phrase).toBe('ТЫМ ҚЫМБАТ');
  });
});

describe('quoted history', () => {
  it('ignores an old cancellation quoted below today’s happy reply', () => {
    const r = detectIntents({
      subject: 'Re: Cancel our subscription',
      plainBody:
        'Hi Sofia,\n\nGood news: we are staying, and we would like to add 10 more seats.\n\nThanks,\nAna\n\nOn Mon, 2 Nov 2026 at 10:00, Ana Diaz <ana@oak.example> wrote:\n> Please cancel our subscription at the end of the month.\n> We are also unhappy with support.',
    });
    expect(find(r, 'expansion')?.phrase).toBe('add 10 more seats');
    expect(find(r, 'complaint')).toBeUndefined();
    // The reply subject still carries the old topic, so it counts, but weakly.
    expect(find(r, 'cancellation')?.source).toBe('subject');
    expect(find(r, 'cancellation')?.confidence).toBeLessThan(0.6);
  });
});

describe('happy, mixed, empty and long emails', () => {
  it('an expansion email has no churn signal', () => {
    const r = detectIntents({
      subject: 'More seats',
      plainBody:
        'Hi Sofia,\n\nGreat news: we are opening two more clinics in January and need 25 more seats. Could you also upgrade us to the Enterprise plan?\n\nCheers,\nKari',
    });
    expect(r.strongest).toBe('expansion');
    expect(r.churnSignal).toBe(0);
    expect(churnIntents(r)).toEqual([]);
    expect(emailIntentSignal(r)).toBeUndefined();
  });

  it('reads a mixed-language email in all its languages', () => {
    const r = detectIntents({
      plainBody:
        'Hi Sofia,\n\nForwarding our director’s note: «К сожалению, мы вынуждены расторгнуть договор». On top of that the plan is too expensive for us.\n\nBest,\nIvan',
    });
    expect(find(r, 'cancellation')).toMatchObject({ language: 'ru', phrase: 'расторгнуть договор' });
    expect(find(r, 'price')).toMatchObject({ language: 'en', phrase: 'too expensive' });
    expect(r.strongest).toBe('cancellation');
  });

  it('an empty or blank email says nothing', () => {
    expect(detectIntents({ plainBody: '' })).toEqual({ language: 'unknown', intents: [], churnSignal: 0 });
    expect(detectIntents({ subject: '', plainBody: ' \n\t\n ' })).toEqual({
      language: 'unknown',
      intents: [],
      churnSignal: 0,
    });
    expect(detectIntents('')).toEqual({ language: 'unknown', intents: [], churnSignal: 0 });
  });

  it('finds a cancellation at the end of a 20 KB email and points at it', () => {
    const filler = 'We had a good quarter, the team is busy and the roadmap looks fine. ';
    const body = `Hi Sofia,\n\n${filler.repeat(300)}\nPlease cancel our subscription.\n\nBest,\nAna`;
    expect(body.length).toBeGreaterThan(20_000);
    const hit = find(detectIntents({ plainBody: body }), 'cancellation');
    expect(hit?.phrase).toBe('cancel our subscription');
    expect(hit?.index).toBe(body.indexOf('cancel our subscription'));
  });

  it('reads at most MAX_SCANNED_CHARS of new text', () => {
    const body = `${'Bookings are fine. '.repeat(Math.ceil(MAX_SCANNED_CHARS / 19))}Please cancel our subscription.`;
    expect(detectIntents({ plainBody: body }).intents).toEqual([]);
    expect(detectIntents({ subject: 'Please cancel our subscription', plainBody: body }).strongest).toBe(
      'cancellation',
    );
  });

  it('shows a phrase that spans a line break exactly as written', () => {
    const body = 'Hello,\nwe will not\r\nrenew the contract.';
    const hit = find(detectIntents({ plainBody: body }), 'nonRenewal');
    expect(hit?.phrase).toBe('will not\r\nrenew');
    expect(hit?.index).toBe(body.indexOf('will'));
  });
});

describe('scoring', () => {
  it('sorts by confidence, combines intents into a churn signal below 1, and leaves expansion out', () => {
    const r = detectIntents({
      plainBody:
        'This is far too expensive and support is unacceptable. Please cancel our account. We loved the new seats though.',
    });
    const confidences = r.intents.map((i) => i.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(r.intents.map((i) => i.intent).sort()).toEqual(['cancellation', 'complaint', 'price']);
    expect(r.strongest).toBe('cancellation');
    expect(r.churnSignal).toBeGreaterThan(0.9);
    expect(r.churnSignal).toBeLessThan(1);
    for (const i of r.intents) {
      expect(i.confidence).toBeGreaterThan(0);
      expect(i.confidence).toBeLessThan(1);
    }
  });

  it('counts two independent phrases more than one', () => {
    const one = find(detectIntents({ plainBody: 'We are very disappointed.' }), 'complaint');
    const two = find(
      detectIntents({
        plainBody: 'We are very disappointed. Frankly, the outage handling was unacceptable.',
      }),
      'complaint',
    );
    expect(two?.confidence).toBeGreaterThan(one?.confidence ?? 1);
  });

  it('reads the subject, and trusts a reply subject less', () => {
    const fresh = find(
      detectIntents({ subject: 'Cancellation request', plainBody: 'Hi, see below' }),
      'cancellation',
    );
    const freshNotice = find(
      detectIntents({ subject: 'Termination notice', plainBody: 'Hi, see below' }),
      'cancellation',
    );
    const reply = find(
      detectIntents({ subject: 'RE: Cancellation request', plainBody: 'Hi, see below' }),
      'cancellation',
    );
    expect(fresh?.source).toBe('subject');
    expect(fresh?.phrase).toBe('Cancellation request');
    expect(freshNotice?.confidence).toBeGreaterThan(0.5);
    // A reply keeps an old thread's topic: alone, it is too weak to show.
    expect(reply).toBeUndefined();
  });
});

describe('labels and the risk engine’s signal', () => {
  it('describes each intent in short English', () => {
    expect(describeIntent('cancellation')).toBe('Cancellation request');
    expect(describeIntent('paymentDelay')).toBe('Asks to delay payment');
    expect(describeIntent('nonRenewal', 'en')).toBe('Will not renew');
    expect(describeIntent('nonRenewal', 'tr')).toBe('Will not renew (Turkish)');
    expect(describeIntent('expansion', 'unknown')).toBe('Wants to expand');
  });

  it('gives the scorecard the churn signal, the driving phrase and its label', () => {
    const r = detectIntents({ plainBody: 'We are a bit disappointed, and we will not renew the contract.' });
    expect(emailIntentSignal(r)).toEqual({
      churnSignal: r.churnSignal,
      phrase: 'will not renew',
      label: 'Will not renew',
    });
  });

  it('keeps the message handler’s reading: labels, subject flag and the strongest churn intent', () => {
    const reading = detectIntent({
      subject: 'Fornyelse',
      body: 'Hei,\n\nVi fornyer ikke avtalen. Vi trenger også 5 flere brukere i en annen avdeling.',
    });
    expect(reading.strongest).toMatchObject({
      intent: 'nonRenewal',
      label: 'Will not renew (Norwegian)',
      phrase: 'fornyer ikke',
      inSubject: false,
    });
    expect(reading.intents.map((i) => i.intent)).toContain('expansion');
    expect(reading.churnSignal).toBeGreaterThan(0.7);
    expect(detectIntent({ body: 'Great, thanks!' })).toEqual({ language: 'en', intents: [], churnSignal: 0 });
  });
});
