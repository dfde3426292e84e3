/**
 * Churn-intent detection time. The corpus is generated (deterministically): emails in the five
 * languages built from greeting, neutral business sentences, one intent phrase, a signature and
 * sometimes quoted history, padded to a target size; plus 20 KB emails, the size the detector must
 * stay fast on. Reported as the median over emails of each email's median time.
 */
import { detectIntents, type IntentInput } from '../src/core/intent';
import { median, round } from './stats';

const PARTS = {
  en: {
    hello: ['Hi Sofia,', 'Hello team,', 'Dear Sofia,'],
    filler: [
      'We had a good quarter and the team is busy with the new season.',
      'Our front desk uses the booking screen every day and the reports help a lot.',
      'Next week we are onboarding two new managers in the Bergen office.',
      'Could you also send the invoice for October to accounting@example.com?',
    ],
    intent: [
      'Please cancel our subscription at the end of the month.',
      'We will not renew the contract when it ends.',
      'We are switching to a cheaper provider.',
      'Honestly the plan is too expensive for us now.',
      'Could we pay the invoice in three instalments?',
      'The support has been unacceptable and we are very disappointed.',
      'We would like to downgrade to the Starter plan.',
      'We need 15 more seats for the new team.',
    ],
    bye: ['Best regards,\nAna', 'Thanks,\nTom'],
    quote: '\n\nOn Mon, 2 Nov 2026 at 10:00, Sofia <sofia@nimbus.example> wrote:\n> ',
  },
  ru: {
    hello: ['Добрый день, Софья!', 'Здравствуйте!'],
    filler: [
      'Сезон идёт хорошо, команда загружена.',
      'Отчёты по бронированиям очень помогают нашим менеджерам.',
      'Пришлите, пожалуйста, акт сверки за октябрь.',
    ],
    intent: [
      'Мы вынуждены расторгнуть договор с 1 декабря.',
      'Продлевать подписку не будем.',
      'Переходим к другому поставщику.',
      'Для нас это слишком дорого.',
      'Просим предоставить отсрочку платежа.',
      'Мы очень недовольны работой поддержки.',
      'Просим сократить количество лицензий до пяти.',
    ],
    bye: ['С уважением,\nОльга'],
    quote: '\n\n2 нояб. 2026 г., в 10:00, Софья <sofia@nimbus.example> написал(а):\n> ',
  },
  kk: {
    hello: ['Сәлеметсіз бе, Sofia!', 'Қайырлы күн!'],
    filler: ['Маусым жақсы өтіп жатыр.', 'Есептер менеджерлерімізге көп көмектеседі.'],
    intent: [
      'Жазылымнан бас тартамыз.',
      'Келісімшартты ұзартпаймыз.',
      'Басқа провайдерге ауысамыз.',
      'Бағасы тым қымбат.',
      'Төлемді кейінге қалдыруға бола ма?',
      'Бұл ресми шағым.',
    ],
    bye: ['Құрметпен,\nДана'],
    quote: '\n\n> ',
  },
  tr: {
    hello: ['Merhaba Sofia,', 'Sayın Yetkili,'],
    filler: ['Sezon iyi geçiyor, ekibimiz çok yoğun.', 'Raporlar yöneticilerimize çok yardımcı oluyor.'],
    intent: [
      'Aboneliğimizi iptal etmek istiyoruz.',
      'Sözleşmeyi yenilemeyeceğiz.',
      'Başka bir sağlayıcıya geçiyoruz.',
      'Paket bizim için çok pahalı.',
      'Ödemeyi ertelemek mümkün mü?',
      'Hizmetinizden memnun değiliz.',
    ],
    bye: ['Saygılarımla,\nElif'],
    quote: '\n\n2 Kas 2026 Pzt, 10:00 tarihinde Sofia <sofia@nimbus.example> şunu yazdı:\n> ',
  },
  no: {
    hello: ['Hei Sofia,', 'Hei,'],
    filler: ['Sesongen går bra, og teamet har mye å gjøre.', 'Rapportene hjelper lederne våre mye.'],
    intent: [
      'Vi ønsker å si opp abonnementet vårt.',
      'Vi fornyer ikke avtalen.',
      'Vi bytter til en annen leverandør.',
      'Det har blitt for dyrt for oss.',
      'Kan vi utsette betalingen?',
      'Vi er svært misfornøyde med supporten.',
    ],
    bye: ['Med vennlig hilsen\nKari'],
    quote: '\n\nDen 2. nov. 2026 kl. 10:00 skrev Sofia <sofia@nimbus.example>:\n> ',
  },
} as const;

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** `count` emails of about `bytes` characters each; a third carry quoted history. */
export function generateEmails(count: number, bytes: number, seed = 7): IntentInput[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const languages = Object.values(PARTS);
  return Array.from({ length: count }, () => {
    const p = pick(languages);
    const sentences: string[] = [];
    let length = 0;
    while (length < bytes) {
      const s = pick(p.filler);
      sentences.push(s);
      length += s.length + 1;
    }
    sentences.splice(Math.floor(rand() * sentences.length), 0, pick(p.intent));
    const quoted = rand() < 1 / 3 ? `${p.quote}${pick(p.intent)}` : '';
    return {
      subject: 'Re: our account',
      plainBody: `${pick(p.hello)}\n\n${sentences.join(' ')}\n\n${pick(p.bye)}${quoted}`,
    };
  });
}

function timeOne(email: IntentInput, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    detectIntents(email);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** Median, over the corpus, of each email's median detection time in milliseconds. */
export function medianMsPerEmail(corpus: IntentInput[] = generateEmails(50, 20_000), runs = 5): number {
  detectIntents(corpus[0] ?? { plainBody: '' }); // compile the patterns outside the timing
  return median(corpus.map((email) => timeOne(email, runs)));
}

export function intentBench(runs = 5) {
  const started = process.hrtime.bigint();
  // One Latin and one Cyrillic sentence, so every language's patterns compile on this call.
  detectIntents({ plainBody: 'Please cancel our subscription. Просим отменить подписку.' });
  const firstCallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const row = (input: string, corpus: IntentInput[]) => ({
    input,
    emails: corpus.length,
    avgKb: round(corpus.reduce((n, e) => n + e.plainBody.length, 0) / corpus.length / 1024, 1),
    medianMsPerEmail: round(medianMsPerEmail(corpus, runs), 3),
  });
  return [
    {
      input: 'first call (compiles all patterns, cold)',
      emails: 1,
      avgKb: 0,
      medianMsPerEmail: round(firstCallMs, 2),
    },
    row('typical emails, 5 languages', generateEmails(200, 600)),
    row('20 KB emails, 5 languages', generateEmails(50, 20_000)),
  ];
}
