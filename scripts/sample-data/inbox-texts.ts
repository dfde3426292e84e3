/**
 * The sample inbox's emails: what real customers write when they are about to leave (or to grow),
 * in English, Russian, Kazakh, Turkish and Norwegian. {name} is the sender's first name, {company}
 * the company, {am} the account manager's first name.
 */
export type Intent =
  | 'cancellation'
  | 'nonRenewal'
  | 'competitor'
  | 'price'
  | 'paymentDelay'
  | 'complaint'
  | 'downgrade'
  | 'expansion';

export interface EmailText {
  intent: Intent;
  language: 'en' | 'ru' | 'kk' | 'tr' | 'no';
  subject: string;
  body: string;
}

export const EMAIL_TEXTS: EmailText[] = [
  {
    intent: 'cancellation',
    language: 'en',
    subject: 'Cancel our subscription',
    body: 'Hi {am},\n\nWith bookings down 70% since the spring we have to cut every cost we can. Please cancel our subscription at the end of this billing period.\n\nThanks for your help over the years,\n{name}\n{company}',
  },
  {
    intent: 'nonRenewal',
    language: 'en',
    subject: 'Re: Your renewal',
    body: 'Hello {am},\n\nThanks for the reminder. We have decided we will not renew the contract when it ends next month.\n\nBest regards,\n{name}\n\n> On Mon, {am} wrote:\n> Your renewal is coming up on the 1st.',
  },
  {
    intent: 'competitor',
    language: 'en',
    subject: 'Evaluating alternatives',
    body: 'Hi,\n\nQuick heads-up: our CFO asked us to look at other vendors, and we are switching to a cheaper alternative unless you can match their price.\n\n{name}',
  },
  {
    intent: 'price',
    language: 'en',
    subject: 'Pricing',
    body: 'Hi {am},\n\nHonestly the plan has become too expensive for us this year. We cannot justify the cost with half the team on furlough.\n\nRegards,\n{name}',
  },
  {
    intent: 'paymentDelay',
    language: 'en',
    subject: 'Invoice for November',
    body: 'Dear {am},\n\nCash flow is very tight after the cancellations in our restaurants. Could we postpone the payment of the November invoice, or pay it in installments over three months?\n\nKind regards,\n{name}',
  },
  {
    intent: 'complaint',
    language: 'en',
    subject: 'Support is unacceptable',
    body: 'Hi,\n\nThis is the third week our sync is broken and nobody from support has replied. It is unacceptable and we are very disappointed.\n\n{name}',
  },
  {
    intent: 'downgrade',
    language: 'en',
    subject: 'Moving to a smaller plan',
    body: 'Hi {am},\n\nWe would like to downgrade to the Starter plan and reduce our seats from 40 to 10 from next month.\n\nThanks,\n{name}',
  },
  {
    intent: 'expansion',
    language: 'en',
    subject: 'Adding two more clinics',
    body: 'Hi {am},\n\nGreat news: we are opening two more clinics in January. Can you send a quote to add 25 more seats and upgrade us to Enterprise?\n\nCheers,\n{name}',
  },
  {
    intent: 'expansion',
    language: 'en',
    subject: 'More seats for the delivery team',
    body: 'Hello,\n\nOrders have tripled and we need more seats for the dispatch team. What would it cost to add another 15 users?\n\n{name}',
  },
  {
    intent: 'cancellation',
    language: 'ru',
    subject: 'Расторжение договора',
    body: 'Добрый день, {am}!\n\nВ связи с закрытием направления мы вынуждены расторгнуть договор и отменить подписку с 1 декабря.\n\nС уважением,\n{name}',
  },
  {
    intent: 'paymentDelay',
    language: 'ru',
    subject: 'Отсрочка платежа',
    body: 'Здравствуйте!\n\nИз-за падения продаж просим предоставить отсрочку платежа по текущему счёту или рассрочку на три месяца.\n\nСпасибо,\n{name}',
  },
  {
    intent: 'price',
    language: 'ru',
    subject: 'Стоимость тарифа',
    body: 'Здравствуйте, {am}.\n\nДля нас это сейчас слишком дорого, бюджет сокращён вдвое. Если цена не изменится, будем искать другого поставщика.\n\n{name}',
  },
  {
    intent: 'nonRenewal',
    language: 'kk',
    subject: 'Келісімшарт туралы',
    body: 'Сәлеметсіз бе, {am}!\n\nКелесі жылға келісімшартты ұзартпаймыз, себебі туристік маусым толық тоқтап қалды.\n\nҚұрметпен,\n{name}',
  },
  {
    intent: 'paymentDelay',
    language: 'kk',
    subject: 'Төлем мерзімі',
    body: 'Сәлеметсіз бе!\n\nҚазір қаржылық жағдайымыз қиын. Төлемді келесі айға кейінге қалдыруға немесе бөліп төлеуге бола ма?\n\nРахмет,\n{name}',
  },
  {
    intent: 'complaint',
    language: 'kk',
    subject: 'Шағым',
    body: 'Сәлеметсіз бе,\n\nҚолдау қызметіне үш рет жаздық, жауап жоқ. Біз қызметке наразымыз, бұл ресми шағым.\n\n{name}',
  },
  {
    intent: 'cancellation',
    language: 'tr',
    subject: 'Abonelik iptal talebi',
    body: 'Merhaba {am},\n\nOtel doluluk oranımız yüzde 20’ye düştü. Aboneliğimizi iptal etmek istiyoruz, lütfen ay sonunda sonlandırın.\n\nSaygılarımla,\n{name}',
  },
  {
    intent: 'competitor',
    language: 'tr',
    subject: 'Sağlayıcı değişikliği',
    body: 'Merhaba,\n\nYönetim daha uygun fiyatlı olduğu için başka bir sağlayıcıya geçiyoruz. Verilerimizi nasıl dışa aktarabiliriz?\n\n{name}',
  },
  {
    intent: 'price',
    language: 'tr',
    subject: 'Fiyatlar hakkında',
    body: 'Merhaba {am},\n\nMevcut paket bizim için çok pahalı hale geldi. Bir indirim mümkün mü?\n\nTeşekkürler,\n{name}',
  },
  {
    intent: 'nonRenewal',
    language: 'no',
    subject: 'Fornyelse av avtalen',
    body: 'Hei {am},\n\nVi har dessverre bestemt at vi ikke fornyer avtalen når den løper ut i januar. Arrangementsbransjen står fortsatt stille.\n\nMed vennlig hilsen\n{name}',
  },
  {
    intent: 'cancellation',
    language: 'no',
    subject: 'Oppsigelse',
    body: 'Hei,\n\nVi ønsker å si opp abonnementet vårt fra neste måned. Takk for samarbeidet.\n\nHilsen\n{name}',
  },
  {
    intent: 'paymentDelay',
    language: 'no',
    subject: 'Faktura',
    body: 'Hei {am},\n\nKan vi utsette betalingen av fakturaen med 60 dager, eller betale i avdrag? Flyselskapet vårt har mistet de fleste rutene.\n\n{name}',
  },
  {
    intent: 'expansion',
    language: 'no',
    subject: 'Flere brukere',
    body: 'Hei {am},\n\nApoteket vokser raskt og vi trenger 10 flere brukere. Kan du sende et tilbud?\n\nHilsen\n{name}',
  },
];
