/**
 * The sample inbox's emails: what real customers write when they are about to leave (or to grow), in
 * English, Russian, Kazakh, Turkish and Norwegian, each labelled with the intent it expresses so the
 * intent detector can be held to it (test/core/intent/sample-inbox.test.ts).
 *
 * Placeholders: {am} the account manager's first name (the customer's owner), {first} and {full} the
 * sender's names, {company}, {domain} the company's mail domain, {plan}, {renewal} the renewal day
 * (English), {quote} the quoted earlier message with the reply header of the sender's mail client
 * (from `quote`).
 */
export type Intent =
  | 'cancellation'
  | 'nonRenewal'
  | 'competitor'
  | 'price'
  | 'paymentDelay'
  | 'complaint'
  | 'downgrade'
  | 'expansion'
  | 'none';

export type Lang = 'en' | 'ru' | 'kk' | 'tr' | 'no';

export interface EmailText {
  intent: Intent;
  language: Lang;
  subject: string;
  body: string;
  /** Industries whose customers would write this (the text mentions their business). */
  industries: string[];
  /** Our earlier message, quoted under the reply ({quote} in the body). */
  quote?: string;
  /** Who else is copied: the customer's finance team, or our own account manager. */
  cc?: 'finance' | 'owner';
}

const HURT = ['Travel agency', 'Hotel', 'Events', 'Restaurant', 'Airline'];
const BOOMING = ['Healthcare clinic', 'Delivery', 'E-commerce', 'Remote-work software', 'Pharmacy'];
const STABLE = ['Retail', 'Manufacturing', 'Education', 'Finance', 'Real estate'];

export const EMAIL_TEXTS: EmailText[] = [
  // ------------------------------------------------------------------ English
  {
    intent: 'cancellation',
    language: 'en',
    subject: 'Cancel our subscription',
    industries: ['Travel agency'],
    body: 'Hi {am},\n\nWith bookings down 70% since the spring we have to cut every cost we can. Please cancel our subscription at the end of this billing period.\n\nThanks for your help over the years,\n{full}\nManaging Director, {company}',
  },
  {
    intent: 'nonRenewal',
    language: 'en',
    subject: 'Re: Your renewal on {renewal}',
    industries: ['Events'],
    quote:
      'Hi {first},\n\nJust a reminder that your {plan} plan renews on {renewal}. Shall I send the invoice as usual?\n\nBest,\n{am}',
    body: 'Hello {am},\n\nThanks for the reminder. We have decided we will not renew the contract when it ends; with no events on the calendar until the summer we cannot carry the cost.\n\nBest regards,\n{full}\n\n{quote}',
  },
  {
    intent: 'competitor',
    language: 'en',
    subject: 'Evaluating alternatives',
    industries: ['Hotel'],
    body: 'Hi {am},\n\nQuick heads-up: our CFO asked us to look at other vendors, and we are switching to a cheaper alternative from January unless you can match their price.\n\nRegards,\n{full}\nHead of Operations, {company}',
  },
  {
    intent: 'price',
    language: 'en',
    subject: 'Pricing for next year',
    industries: ['Restaurant'],
    body: 'Hi {am},\n\nHonestly the plan has become too expensive for us this year. We cannot justify the cost with half the team on furlough and two of our sites closed.\n\nRegards,\n{full}\n{company}',
  },
  {
    intent: 'paymentDelay',
    language: 'en',
    subject: 'Invoice for November',
    industries: ['Restaurant', 'Hotel'],
    cc: 'finance',
    body: 'Dear {am},\n\nCash flow is very tight after the cancellations this autumn. Could we postpone the payment of the November invoice, or pay it in installments over three months?\n\nKind regards,\n{full}\nOwner, {company}',
  },
  {
    intent: 'paymentDelay',
    language: 'en',
    subject: 'Re: Overdue invoice INV-2026-1187',
    industries: ['Airline', 'Travel agency'],
    cc: 'finance',
    quote:
      'Hello {first},\n\nOur records show invoice INV-2026-1187 is now 30 days overdue. Could you let me know when we can expect payment?\n\nThank you,\n{am}',
    body: 'Hi {am},\n\nApologies for the silence, it has been a difficult quarter. We need a payment plan: half now and the rest in two monthly installments. Could you also postpone the due date by two weeks while we sort it out?\n\nBest,\n{full}\nFinance Manager, {company}\n\n{quote}',
  },
  {
    intent: 'complaint',
    language: 'en',
    subject: 'Support is unacceptable',
    industries: [...HURT, ...STABLE],
    cc: 'owner',
    body: 'Hi,\n\nThis is the third week our calendar sync is broken and nobody from support has replied to ticket #48213. It is unacceptable and we are very disappointed.\n\n{full}\n{company}',
  },
  {
    intent: 'downgrade',
    language: 'en',
    subject: 'Moving to a smaller plan',
    industries: ['Events', 'Hotel', 'Retail'],
    body: 'Hi {am},\n\nWe would like to downgrade to the Starter plan and reduce our seats from 40 to 10 from next month. Most of the team is on reduced hours until bookings come back.\n\nThanks,\n{full}',
  },
  {
    intent: 'expansion',
    language: 'en',
    subject: 'Adding two more clinics',
    industries: ['Healthcare clinic'],
    body: 'Hi {am},\n\nGreat news: we are opening two more clinics in January. Can you send a quote to add 25 more seats and upgrade us to Enterprise?\n\nCheers,\n{full}\nPractice Manager, {company}',
  },
  {
    intent: 'expansion',
    language: 'en',
    subject: 'More seats for the delivery team',
    industries: ['Delivery', 'E-commerce'],
    body: 'Hello {am},\n\nOrders have tripled since March and we need more seats for the dispatch team. What would it cost to add another 15 users?\n\nThanks,\n{full}\n{company}',
  },
  {
    intent: 'none',
    language: 'en',
    subject: 'Question about the API rate limits',
    industries: ['Remote-work software', ...STABLE],
    body: 'Hi {am},\n\nOur developers are connecting the booking calendar to our intranet. Is there a rate limit on the bookings endpoint we should plan around?\n\nThanks a lot,\n{full}\nIT Lead, {company}',
  },

  {
    intent: 'none',
    language: 'en',
    subject: 'New billing address',
    industries: [...STABLE, ...BOOMING],
    cc: 'finance',
    body: 'Hello {am},\n\nWe have moved offices. Could you put our new address on future invoices: 14 Harbour Road, Unit 3? Our VAT number stays the same.\n\nMany thanks,\n{full}\nOffice Manager, {company}',
  },

  // ------------------------------------------------------------------ Russian
  {
    intent: 'cancellation',
    language: 'ru',
    subject: 'Расторжение договора',
    industries: ['Travel agency', 'Events'],
    body: 'Добрый день, {am}!\n\nВ связи с закрытием направления мы вынуждены расторгнуть договор и отменить подписку с 1 декабря.\n\nС уважением,\n{full}\nГенеральный директор, {company}',
  },
  {
    intent: 'paymentDelay',
    language: 'ru',
    subject: 'Отсрочка платежа',
    industries: ['Restaurant', 'Hotel'],
    cc: 'finance',
    body: 'Здравствуйте, {am}!\n\nИз-за падения продаж просим предоставить отсрочку платежа по текущему счёту или рассрочку на три месяца.\n\nСпасибо за понимание,\n{full}\n{company}',
  },
  {
    intent: 'price',
    language: 'ru',
    subject: 'Стоимость тарифа',
    industries: ['Hotel', 'Restaurant'],
    body: 'Здравствуйте, {am}.\n\nДля нас это сейчас слишком дорого, бюджет сокращён вдвое. Подскажите, есть ли варианты подешевле?\n\n{full}',
  },
  {
    intent: 'competitor',
    language: 'ru',
    subject: 'Re: Встреча по продлению',
    industries: ['Airline', 'Travel agency'],
    quote:
      'Добрый день, {first}!\n\nПредлагаю созвониться на следующей неделе и обсудить продление. Когда вам удобно?\n\n{am}',
    body: 'Добрый день, {am}.\n\nСпасибо, но встреча, наверное, не нужна: руководство решило переходить к другому поставщику, у них цена ниже. Напишите, пожалуйста, как выгрузить наши данные.\n\nС уважением,\n{full}\n\n{quote}',
  },
  {
    intent: 'complaint',
    language: 'ru',
    subject: 'Жалоба на работу поддержки',
    industries: [...HURT, ...STABLE],
    cc: 'owner',
    body: 'Здравствуйте!\n\nУже две недели не работает синхронизация календаря, на три обращения в поддержку никто не ответил. Мы очень недовольны, это официальная жалоба.\n\n{full}\nРуководитель отдела продаж, {company}',
  },
  {
    intent: 'expansion',
    language: 'ru',
    subject: 'Новый филиал',
    industries: ['Pharmacy', 'Healthcare clinic', 'Delivery'],
    body: 'Добрый день, {am}!\n\nВ январе открываем новый филиал в Астане. Нам нужно ещё 12 лицензий, пришлите, пожалуйста, счёт.\n\nСпасибо,\n{full}\n{company}',
  },

  // ------------------------------------------------------------------ Kazakh
  {
    intent: 'nonRenewal',
    language: 'kk',
    subject: 'Келісімшарт туралы',
    industries: ['Travel agency', 'Events'],
    body: 'Сәлеметсіз бе, {am}!\n\nКелесі жылға келісімшартты ұзартпаймыз, себебі туристік маусым толық тоқтап қалды.\n\nҚұрметпен,\n{full}\nДиректор, {company}',
  },
  {
    intent: 'paymentDelay',
    language: 'kk',
    subject: 'Төлем мерзімі',
    industries: ['Restaurant', 'Hotel'],
    cc: 'finance',
    body: 'Сәлеметсіз бе, {am}!\n\nҚазір қаржылық жағдайымыз қиын. Төлемді келесі айға кейінге қалдыруға немесе бөліп төлеуге бола ма?\n\nРахмет,\n{full}\n{company}',
  },
  {
    intent: 'complaint',
    language: 'kk',
    subject: 'Шағым',
    industries: [...HURT, ...STABLE],
    body: 'Сәлеметсіз бе,\n\nҚолдау қызметіне үш рет жаздық, жауап жоқ. Біз қызметке наразымыз, бұл ресми шағым.\n\n{full}\n{company}',
  },
  {
    intent: 'cancellation',
    language: 'kk',
    subject: 'Жазылымды тоқтату',
    industries: ['Events', 'Airline', 'Travel agency'],
    body: 'Сәлеметсіз бе, {am}!\n\nІс-шаралар толық тоқтап қалды, сондықтан желтоқсаннан бастап жазылымнан бас тартамыз. Ынтымақтастығыңыз үшін рахмет.\n\nҚұрметпен,\n{full}\n{company}',
  },
  {
    intent: 'price',
    language: 'kk',
    subject: 'Re: Жаңа тарифтер',
    industries: ['Hotel', 'Restaurant', 'Retail'],
    quote:
      'Сәлеметсіз бе, {first}!\n\nҚаңтардан бастап жаңа тарифтер күшіне енеді. Сұрақтарыңыз болса, жазыңыз.\n\n{am}',
    body: 'Сәлеметсіз бе, {am}!\n\nЖаңа баға біз үшін тым қымбат. Қонақ саны екі есе азайды, бюджет қысқарды.\n\n{full}\n\n{quote}',
  },
  {
    intent: 'expansion',
    language: 'kk',
    subject: 'Қосымша лицензиялар',
    industries: ['Delivery', 'E-commerce', 'Pharmacy'],
    body: 'Сәлеметсіз бе, {am}!\n\nТапсырыстар көбейді, курьерлер бөліміне 10 қосымша лицензия қажет. Шот жібере аласыз ба?\n\nРахмет,\n{full}\n{company}',
  },

  // ------------------------------------------------------------------ Turkish
  {
    intent: 'cancellation',
    language: 'tr',
    subject: 'Abonelik iptal talebi',
    industries: ['Hotel'],
    body: 'Merhaba {am},\n\nOtel doluluk oranımız yüzde 20’ye düştü. Aboneliğimizi iptal etmek istiyoruz, lütfen ay sonunda sonlandırın.\n\nSaygılarımla,\n{full}\nGenel Müdür, {company}',
  },
  {
    intent: 'competitor',
    language: 'tr',
    subject: 'Sağlayıcı değişikliği',
    industries: ['Travel agency', 'Airline'],
    body: 'Merhaba,\n\nYönetim daha uygun fiyatlı olduğu için başka bir sağlayıcıya geçiyoruz. Verilerimizi nasıl dışa aktarabiliriz?\n\n{full}\n{company}',
  },
  {
    intent: 'price',
    language: 'tr',
    subject: 'Fiyatlar hakkında',
    industries: ['Restaurant', 'Hotel'],
    body: 'Merhaba {am},\n\nMevcut paket bizim için çok pahalı hale geldi. Bir indirim mümkün mü?\n\nTeşekkürler,\n{full}',
  },
  {
    intent: 'paymentDelay',
    language: 'tr',
    subject: 'Kasım faturası',
    industries: ['Restaurant', 'Events'],
    cc: 'finance',
    body: 'Merhaba {am},\n\nSon aylarda ciddi nakit sıkıntısı yaşıyoruz. Kasım faturasının ödemesini bir ay ertelemek ya da üç taksitte ödemek mümkün mü?\n\nİyi çalışmalar,\n{full}\nMuhasebe Müdürü, {company}',
  },
  {
    intent: 'downgrade',
    language: 'tr',
    subject: 'Re: Yıllık plan',
    industries: ['Events', 'Travel agency', 'Hotel'],
    quote:
      'Merhaba {first},\n\nYıllık planınızın yenileme tarihi yaklaşıyor. Görüşmek ister misiniz?\n\n{am}',
    body: 'Merhaba {am},\n\nYenilemede paketimizi düşürmek istiyoruz; Starter yeterli olur. Kullanıcı sayısını da 30’dan 8’e indirmemiz gerekiyor.\n\nSaygılarımla,\n{full}\n\n{quote}',
  },
  {
    intent: 'expansion',
    language: 'tr',
    subject: 'Yeni şube ve ek kullanıcılar',
    industries: ['E-commerce', 'Pharmacy', 'Healthcare clinic'],
    body: 'Merhaba {am},\n\nİzmir’de yeni şube açıyoruz. 15 ek kullanıcı için teklif gönderebilir misiniz?\n\nTeşekkürler,\n{full}\nOperasyon Müdürü, {company}',
  },

  // ------------------------------------------------------------------ Norwegian
  {
    intent: 'nonRenewal',
    language: 'no',
    subject: 'Fornyelse av avtalen',
    industries: ['Events'],
    body: 'Hei {am},\n\nVi har dessverre bestemt at vi ikke fornyer avtalen når den løper ut i januar. Arrangementsbransjen står fortsatt stille.\n\nMed vennlig hilsen\n{full}\nDaglig leder, {company}',
  },
  {
    intent: 'cancellation',
    language: 'no',
    subject: 'Oppsigelse',
    industries: ['Travel agency', 'Hotel'],
    body: 'Hei,\n\nVi ønsker å si opp abonnementet vårt fra neste måned. Takk for samarbeidet.\n\nHilsen\n{full}\n{company}',
  },
  {
    intent: 'paymentDelay',
    language: 'no',
    subject: 'Faktura',
    industries: ['Airline'],
    cc: 'finance',
    body: 'Hei {am},\n\nKan vi utsette betalingen av fakturaen med 60 dager, eller betale i avdrag? Flyselskapet vårt har mistet de fleste rutene.\n\nMvh\n{full}\n{company}',
  },
  {
    intent: 'competitor',
    language: 'no',
    subject: 'Re: Tilbud for 2027',
    industries: ['Hotel', 'Restaurant', 'Retail'],
    quote:
      'Hei {first},\n\nVedlagt er tilbudet for 2027. Gi meg gjerne beskjed om dere har spørsmål.\n\nHilsen\n{am}',
    body: 'Hei {am},\n\nTakk for tilbudet. Vi har sammenlignet, og styret har valgt å bytte til en annen leverandør som er rimeligere.\n\nVennlig hilsen\n{full}\n\n{quote}',
  },
  {
    intent: 'complaint',
    language: 'no',
    subject: 'Klage på support',
    industries: [...HURT, ...STABLE],
    cc: 'owner',
    body: 'Hei,\n\nVi har ventet i ti dager på svar fra kundestøtte, og bookingkalenderen fungerer fortsatt ikke. Vi er svært misfornøyde, og dette er en formell klage.\n\n{full}\n{company}',
  },
  {
    intent: 'expansion',
    language: 'no',
    subject: 'Flere brukere',
    industries: ['Pharmacy'],
    body: 'Hei {am},\n\nApoteket vokser raskt og vi trenger 10 flere brukere. Kan du sende et tilbud?\n\nHilsen\n{full}\n{company}',
  },
];

/** The reply header each language's mail client writes above a quoted message. */
export function replyHeader(language: Lang, date: Date, name: string, email: string): string {
  const d = date.getUTCDate();
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const who = `${name} <${email}>`;
  switch (language) {
    case 'en':
      return `On ${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()]}, ${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m]} ${y} at ${time}, ${who} wrote:`;
    case 'ru':
    case 'kk':
      return `${d} ${['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'][m]} ${y} г., в ${time}, ${who} написал(а):`;
    case 'tr':
      return `${d} ${['Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara'][m]} ${y} ${['Paz', 'Pzt', 'Sal', 'Çar', 'Per', 'Cum', 'Cmt'][date.getUTCDay()]}, ${time} tarihinde ${who} şunu yazdı:`;
    case 'no':
      return `${['søn.', 'man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.'][date.getUTCDay()]} ${d}. ${['jan.', 'feb.', 'mar.', 'apr.', 'mai', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'des.'][m]} ${y} kl. ${time} skrev ${who}:`;
  }
}
