/**
 * Ordinary business email that uses churn words in another sense must not raise a churn signal:
 * meetings are cancelled, leases renewed, price lists attached, staff (not contracts) laid off.
 */
import { detectIntents } from '../../../src/core/intent';

const ORDINARY: Array<[string, string, string]> = [
  // [language, subject, body]
  ['en', 'Tomorrow', 'Hi Sofia,\n\nCan we cancel the meeting tomorrow? Something came up.\n\nThanks,\nAna'],
  ['en', 'Re: call', 'Please cancel my 3pm call with Dave, I will be travelling.'],
  ['en', 'Webinar', 'We cancelled the webinar because the speaker is ill. New date to follow.'],
  ['en', 'Lease', 'FYI the renewal of our office lease is due in March, so we may move desks.'],
  ['en', 'Prices', 'Hello,\n\nPlease find the price list attached.\n\nRegards,\nTom'],
  ['en', 'Invoice #1042', 'Invoice #1042 has been sent to accounting and will be paid on Friday.'],
  ['en', 'Payment', 'Payment for invoice 2231 was sent today. Thanks for the reminder!'],
  ['en', 'Roadmap', "Let's schedule a call next week to discuss the roadmap."],
  ['en', 'Demo', 'We need to reschedule the demo to Friday, sorry for the short notice.'],
  ['en', 'Billing', 'Could you switch us to annual billing from January? It is easier for our accountants.'],
  ['en', 'Our market', 'Our competitors are struggling this year, which helps us a lot.'],
  ['en', 'Feedback', 'Our guests complain much less since we started using Nimbus. Great work!'],
  ['en', 'All good', "We don't have any complaints, everything works great."],
  ['en', 'Pilot', 'We are terminating the pilot of the other tool and keeping Nimbus for good.'],
  ['en', 'Ticket', 'Please close the ticket, the issue is resolved.'],
  ['en', 'Link', 'The Zoom link does not work, could you send a new one?'],
  ['en', 'Servers', 'We are upgrading our servers this weekend, expect a short outage on our side.'],
  ['en', 'Renewal', 'Happy to renew our partnership for another year!'],
  ['en', 'Conference', 'Is there a discount code for the conference next month?'],
  ['en', 'Lunch', 'Unfortunately I have to cancel our lunch on Thursday. Can we do next week?'],
  ['en', 'Budget', 'Can you remind me when our subscription renews? We want to budget for it.'],
  ['en', 'Invoice', 'Could you send the invoice as PDF? Our accounting system does not accept the link.'],
  ['ru', 'Встреча', 'Добрый день!\n\nДавайте перенесём встречу на четверг.\n\nСпасибо,\nИван'],
  ['ru', 'Созвон', 'Отменяем завтрашний созвон, извините за неудобства.'],
  ['ru', 'Счёт', 'Счёт № 55 отправлен в бухгалтерию, оплатим в пятницу.'],
  ['ru', 'Прайс', 'Прайс-лист во вложении.'],
  ['ru', 'Аренда', 'Расторжение договора аренды офиса обсудим в марте.'],
  ['ru', 'Поздравление', 'Дорогой Иван, поздравляем с праздником! Спасибо за сотрудничество.'],
  ['ru', 'Оплата', 'Спасибо, оплату получили. Продлевать договор будем, как и договаривались.'],
  ['ru', 'Конференция', 'Добрый день! Скидка на конференцию ещё действует?'],
  ['ru', 'Запуск', 'Мы запускаем новый продукт и новую платформу для гостей в марте.'],
  ['kk', 'Кездесу', 'Сәлеметсіз бе!\n\nЕртеңгі кездесуді кейінге қалдырайық.\n\nРахмет'],
  ['kk', 'Шот', 'Шот-фактура бухгалтерияға жіберілді.'],
  ['kk', 'Баға', 'Баға тізімі тіркелген.'],
  ['kk', 'Мереке', 'Қымбатты әріптестер, мерекелеріңізбен!'],
  ['kk', 'Шағым жоқ', 'Бізде ешқандай шағым жоқ, бәрі жақсы.'],
  ['kk', 'Қызметкер', 'Сәлеметсіз бе! Жаңа қызметкерге кіру рұқсатын беріңізші.'],
  ['tr', 'Toplantı', 'Merhaba,\n\nYarınki toplantıyı iptal etmemiz gerekiyor.\n\nTeşekkürler'],
  ['tr', 'Fatura', 'Fatura muhasebeye gönderildi.'],
  ['tr', 'Fiyat', 'Fiyat listesi ektedir.'],
  ['tr', 'Sipariş', 'Siparişi iptal ettik, yeniden oluşturacağız.'],
  ['tr', 'Ofis', 'Ofis kira sözleşmesini yenilemeyeceğiz, yeni binaya taşınıyoruz.'],
  ['tr', 'Pazar', 'Rakiplerimiz bu yıl zorlanıyor.'],
  ['tr', 'Toplantı', 'Toplantıyı yarına erteleyelim mi?'],
  ['no', 'Møte', 'Hei,\n\nKan vi avlyse møtet i morgen?\n\nHilsen Kari'],
  ['no', 'Faktura', 'Fakturaen er sendt til regnskap.'],
  ['no', 'Priser', 'Prislisten ligger vedlagt.'],
  ['no', 'Kontor', 'Leieavtalen for kontoret fornyes i mars.'],
  ['no', 'Bemanning', 'Vi må dessverre si opp to ansatte etter nyttår.'],
  ['no', 'Avtale', 'Vi fornyer avtalen for to nye år.'],
  ['no', 'Alt bra', 'Ingen klager herfra, alt fungerer fint.'],
];

describe('ordinary business email raises no churn signal', () => {
  it.each(ORDINARY)('%s: %s', (_language, subject, body) => {
    const r = detectIntents({ subject, plainBody: body });
    expect(r.intents.filter((i) => i.intent !== 'expansion')).toEqual([]);
    expect(r.churnSignal).toBe(0);
  });
});
