/**
 * Each way the detector used to fail (issue 19), with sentences written for these tests and not
 * taken from the labelled corpus: every kind in several of the five languages.
 */
import { detectIntents, type IntentId } from '../../../src/core/intent';

const reported = (body: string, subject = '') =>
  detectIntents({ subject, plainBody: body }).intents.map((i) => i.intent);

describe('negation after the verb is negation', () => {
  it.each([
    ['tr', 'Üyeliğimizi iptal etmeyi hiç düşünmüyoruz, memnunuz.', 'cancellation'],
    ['tr', 'Paketimizi küçültmeyeceğiz, yaz için her şey lazım.', 'downgrade'],
    ['kk', 'Келісімшартты бұзғалы отырған жоқпыз, бәрі жақсы.', 'cancellation'],
    ['kk', 'Біз тарифімізді төмендетпейміз.', 'downgrade'],
    ['ru', 'Расторгать договор мы пока не собираемся.', 'cancellation'],
    ['en', 'Closing the account was never on the table for us.', 'cancellation'],
    ['no', 'Å nedgradere er ikke aktuelt for oss i år.', 'downgrade'],
  ] as const)('%s: %j has no %s', (_language, body, intent) => {
    expect(reported(body)).not.toContain(intent);
  });
});

describe('"I do not want to complain, but …" is a complaint', () => {
  it.each([
    ['en', "I don't want to complain, but the exports have been failing all week."],
    ['ru', 'Не хочу жаловаться, но выгрузка снова не работает.'],
    ['kk', 'Шағымданғым келмейді, бірақ есептер қайтадан ашылмай жатыр.'],
    ['tr', 'Şikâyet etmek istemem ama raporlar yine açılmıyor.'],
    ['no', 'Jeg vil ikke klage, men eksporten feiler igjen.'],
  ])('%s: %j', (_language, body) => {
    expect(reported(body)).toContain('complaint');
  });
});

describe('a hypothetical or a condition is not shown', () => {
  it.each([
    ['tr', 'Aboneliği dondurursak verilerimiz silinir mi?', 'cancellation'],
    ['tr', 'Sözleşmeyi sonlandırmaya karar verirsek ne kadar önceden haber vermeliyiz?', 'cancellation'],
    ['kk', 'Егер жазылымды тоқтатсақ, деректер сақтала ма?', 'cancellation'],
    ['ru', 'Если мы когда-нибудь откажемся от подписки, данные сохранятся?', 'cancellation'],
    ['en', 'If we ever decided to downgrade, would we keep the old reports?', 'downgrade'],
    ['no', 'Om vi skulle si opp avtalen, hvor lang er oppsigelsestiden?', 'cancellation'],
  ] as const)('%s: %j has no %s', (_language, body, intent) => {
    expect(reported(body)).not.toContain(intent);
  });
});

describe('switching to a named product with an ordinary verb', () => {
  it.each([
    ['en', 'From March we will go with Freshdesk for all our sites.'],
    ['en', 'The group decided we are moving over to Zendesk.'],
    ['en', 'We are leaving for Cloudbeds in the spring.'],
    ['ru', 'Мы уходим в Bnovo.'],
    ['ru', 'Со следующего года переходим на Bitrix24.'],
    ['kk', 'Келесі айдан бастап Zoho-ға көшеміз.'],
    ['tr', 'Önümüzdeki ay Freshdesk’e geçiyoruz.'],
    ['no', 'Vi går over til Superoffice etter nyttår.'],
  ])('%s: %j', (_language, body) => {
    expect(reported(body)).toContain('competitor');
  });

  it.each([
    ['en', 'Please move us to Starter from next month.'],
    ['en', 'We went with Monday as our training day.'],
    ['tr', 'Mayıs’a kadar bekleyip geçeceğiz.'],
  ])('a plan name, weekday or month is no competitor: %s %j', (_language, body) => {
    expect(reported(body)).not.toContain('competitor');
  });
});

describe('price given as the reason next to another intent', () => {
  it.each([
    ['en', 'At these prices we will let the licence lapse in May.', ['price', 'nonRenewal']],
    ['ru', 'При такой цене мы отказываемся от подписки.', ['price', 'cancellation']],
    ['tr', 'Bu fiyatla aboneliğimizi iptal etmek zorundayız.', ['price', 'cancellation']],
    ['no', 'Til den prisen sier vi opp abonnementet.', ['price', 'cancellation']],
    ['kk', 'Мұндай бағамен жазылымнан бас тартамыз.', ['price', 'cancellation']],
  ] as const)('%s: %j', (_language, body, intents) => {
    expect(reported(body)).toEqual(expect.arrayContaining([...intents]));
  });
});

describe('indirect wording', () => {
  it.each([
    ['en', 'Our payment will be about two weeks late this month.', 'paymentDelay'],
    ['en', 'This is our last month with you, thanks for everything.', 'cancellation'],
    ['ru', 'Оплата задержится примерно на две недели.', 'paymentDelay'],
    ['no', 'Vi blir sene med betalingen denne gangen.', 'paymentDelay'],
    ['tr', 'Bu ay ödeme biraz gecikecek.', 'paymentDelay'],
    ['kk', 'Бұл жолы төлем екі аптаға кешігеді.', 'paymentDelay'],
    ['en', 'How long do we have to wait for an answer?', 'complaint'],
    ['ru', 'Сколько можно ждать ответа?', 'complaint'],
    ['no', 'Hvor lenge må vi vente på svar?', 'complaint'],
    ['tr', 'Ne kadar daha bekleyeceğiz?', 'complaint'],
    ['kk', 'Қанша күтуіміз керек?', 'complaint'],
    ['ru', 'Нашли решение дешевле.', 'competitor'],
    ['no', 'Vi har funnet et billigere alternativ.', 'competitor'],
    ['tr', 'Başka bir yerde daha ucuzunu bulduk.', 'competitor'],
    ['kk', 'Басқа жерден арзанырақ таптық.', 'competitor'],
    ['ru', 'Уменьшите, пожалуйста, число пользователей до трёх.', 'downgrade'],
    ['tr', 'Ödemeyi üç parçaya bölebilir miyiz?', 'paymentDelay'],
    ['kk', 'Төлемді үш бөлікке бөлуге бола ма?', 'paymentDelay'],
    ['no', 'Kan vi dele betalingen på tre?', 'paymentDelay'],
  ] as const)('%s: %j is %s', (_language, body, intent) => {
    expect(reported(body)).toContain(intent);
  });
});

describe('a signature that starts with a sign-off is cut', () => {
  it.each([
    [
      'en',
      'Could you resend the invoice?\n\nBest regards,\nAnna Berg\nTo unsubscribe or cancel your subscription, click here.',
    ],
    [
      'ru',
      'Пришлите счёт ещё раз.\n\nС уважением,\nИрина\nЧтобы отменить подписку на рассылку, нажмите здесь.',
    ],
    ['kk', 'Шотты қайта жіберіңізші.\n\nҚұрметпен,\nДана\nЖазылымнан бас тарту үшін осында басыңыз.'],
    [
      'tr',
      'Faturayı tekrar gönderir misiniz?\n\nSaygılarımla,\nAyşe\nAboneliğinizi iptal etmek için tıklayın.',
    ],
    [
      'no',
      'Kan dere sende fakturaen igjen?\n\nMed vennlig hilsen\nKari\nFor å si opp abonnementet, klikk her.',
    ],
  ])('%s', (_language, body) => {
    expect(reported(body)).toEqual([]);
  });
});

describe('words in another sense', () => {
  it.each([
    ['postponing a meeting', 'en', 'Can we postpone Thursday’s meeting to next week?'],
    ['postponing a meeting', 'tr', 'Perşembe toplantısını gelecek haftaya erteleyebilir miyiz?'],
    [
      'instalments for their customers',
      'en',
      'Our guests would like to pay for group bookings in instalments.',
    ],
    ['instalments for their customers', 'ru', 'Наши клиенты просят оплату туров в рассрочку.'],
    ['instalments for their customers', 'no', 'Gjestene våre vil betale bryllupet i avdrag.'],
    ['their customer’s complaint', 'en', 'A client complained to us about a late confirmation email.'],
    ['their customer’s complaint', 'tr', 'Bir misafirimiz geç gelen onay e-postasından şikâyet etti.'],
    ['their customer’s complaint', 'kk', 'Бір қонағымыз кешіккен хатқа шағымданды.'],
    ['headcount in a reduction email', 'kk', 'Биыл 20 қызметкерді қысқарттық, лицензиялар өзгермейді.'],
    ['a webinar or invitation cancelled', 'en', 'The partner webinar on Friday has been cancelled.'],
    ['a webinar or invitation cancelled', 'tr', 'Cuma günkü davet organizatörler tarafından iptal edildi.'],
    ['a downgraded browser', 'en', 'IT downgraded Firefox on the reception PCs.'],
    ['a downgraded browser', 'no', 'Vi nedgraderte nettleseren på to maskiner.'],
    ['a price rise heard of', 'en', 'We heard your prices go up in spring, is that true?'],
    ['a price rise heard of', 'ru', 'Говорят, с весны цены вырастут, это правда?'],
    ['a price rise heard of', 'no', 'Vi har hørt at prisene går opp, stemmer det?'],
  ] as const)('%s (%s): %j', (_kind, _language, body) => {
    expect(reported(body)).toEqual([] as IntentId[]);
  });
});

describe('misspelt key words', () => {
  it.each([
    ['en', 'pls cancle our acount from june', 'cancellation', 'cancle our acount'],
    ['en', 'we would like to dowgrade to the basic plan', 'downgrade', 'dowgrade'],
    ['ru', 'отмените нашу подпску с июня', 'cancellation', 'отмените нашу подпску'],
  ] as const)('%s: %j is read, and quoted as typed', (_language, body, intent, phrase) => {
    const hit = detectIntents({ plainBody: body }).intents.find((i) => i.intent === intent);
    expect(hit?.phrase).toBe(phrase);
  });

  it('leaves ordinary words one letter from a key word alone', () => {
    expect(reported('Please contact us about the contract renewal date.')).toEqual([]);
  });
});
