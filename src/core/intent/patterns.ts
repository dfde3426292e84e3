/**
 * What customers write when they mean to leave (or grow), per language. Patterns are matched on folded
 * text (see normalise.ts): lower case, no diacritics, Turkish ı as i. Stems leave inflections open
 * ("отмен" covers отменить, отмена, отменяем). Strength: 3 = says it outright, 2 = clear, 1 = hint.
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

export type Language = 'en' | 'ru' | 'kk' | 'tr' | 'no';

export interface IntentPattern {
  intent: Intent;
  language: Language;
  pattern: string;
  strength: 1 | 2 | 3;
  /** The phrase already says "not" (will not renew): negation checks must not flip it. */
  negative?: boolean;
}

const OBJ_EN =
  '(?:our |the |my |this )?(?:subscription|account|contract|plan|service|membership|licen[cs]es?|agreement)';

const RAW: [Intent, Language, 1 | 2 | 3, string, boolean?][] = [
  // English
  ['cancellation', 'en', 3, `cancel+(?:ing|ed|ation of)? ${OBJ_EN}`],
  ['cancellation', 'en', 3, `terminat(?:e|ing|ion of) ${OBJ_EN}`],
  ['cancellation', 'en', 3, `close (?:our|my|the) account`],
  ['cancellation', 'en', 2, `cancellation (?:request|notice)`],
  ['cancellation', 'en', 2, `(?:end|stop) (?:our|my|the) (?:subscription|contract|service)`],
  ['cancellation', 'en', 2, `(?:please )?cancel (?:us|it) (?:at|from|by)`],
  ['nonRenewal', 'en', 3, `(?:will|shall|would) not (?:be )?renew`, true],
  ['nonRenewal', 'en', 3, `won'?t (?:be )?renew`, true],
  ['nonRenewal', 'en', 3, `not (?:going|planning) to renew`, true],
  ['nonRenewal', 'en', 2, `(?:decided|decision) (?:not|against) (?:to )?renew`, true],
  ['nonRenewal', 'en', 2, `let (?:the|our) (?:contract|subscription) (?:lapse|expire|run out)`],
  [
    'competitor',
    'en',
    3,
    `switch(?:ing)? to (?:a |another |an )?(?:cheaper |different |new )?(?:vendor|provider|alternative|competitor|supplier|solution|tool)`,
  ],
  ['competitor', 'en', 2, `(?:look|looking) at (?:other|alternative) (?:vendors|providers|solutions|tools)`],
  ['competitor', 'en', 2, `(?:evaluating|considering) (?:alternatives|other vendors|competitors)`],
  ['competitor', 'en', 2, `moving to (?:a |another )?(?:competitor|different provider|different vendor)`],
  ['price', 'en', 3, `(?:too|very|so) expensive`],
  ['price', 'en', 3, `can(?:not|'t) (?:justify|afford) the (?:cost|price)`],
  ['price', 'en', 2, `(?:price|cost) (?:is|has become) too high`],
  ['price', 'en', 2, `budget (?:cuts?|has been cut|freeze)`],
  ['price', 'en', 1, `(?:any|a) discount`],
  ['paymentDelay', 'en', 3, `postpone (?:the )?payment`],
  ['paymentDelay', 'en', 3, `(?:pay|payment) (?:\\S+ ){0,3}in installments`],
  ['paymentDelay', 'en', 2, `(?:in|by) (?:monthly )?install?ments`],
  ['paymentDelay', 'en', 3, `payment (?:holiday|delay|extension|plan)`],
  ['paymentDelay', 'en', 2, `(?:delay|defer) (?:the |our )?(?:payment|invoice)`],
  ['paymentDelay', 'en', 2, `(?:can(?:not|'t)|unable to) pay`],
  ['paymentDelay', 'en', 2, `more time to pay`],
  ['complaint', 'en', 3, `(?:is|this is|completely) unacceptable`],
  ['complaint', 'en', 3, `(?:very |extremely |deeply )?disappointed`],
  ['complaint', 'en', 2, `(?:nobody|no one) (?:from support )?(?:has )?(?:replied|responded|answered)`],
  ['complaint', 'en', 2, `(?:formal )?complaint`],
  ['complaint', 'en', 2, `(?:unhappy|not happy|dissatisfied) with`],
  ['complaint', 'en', 1, `still (?:broken|not working)`],
  ['downgrade', 'en', 3, `downgrad(?:e|ing)`],
  ['downgrade', 'en', 2, `reduce (?:our|the) (?:seats|licen[cs]es|users|plan)`],
  ['downgrade', 'en', 2, `(?:smaller|cheaper|lower) (?:plan|tier|package)`],
  [
    'expansion',
    'en',
    3,
    `(?:add|adding|need) (?:\\d+ )?(?:more|additional|extra) (?:seats|users|licen[cs]es)`,
  ],
  ['expansion', 'en', 3, `upgrade (?:us|to|our)`],
  ['expansion', 'en', 2, `(?:quote|pricing) (?:for|to add)`],
  // Russian
  [
    'cancellation',
    'ru',
    3,
    `(?:отмен|расторг|растор)\\S*\\s(?:\\S+\\s)?(?:подписк|договор|контракт|услуг|аккаунт)`,
  ],
  ['cancellation', 'ru', 3, `(?:расторжени|отмен)\\S* (?:договора|подписки|контракта)`],
  ['cancellation', 'ru', 2, `(?:прекратить|прекращаем) (?:сотрудничество|пользоваться)`],
  ['cancellation', 'ru', 2, `закры\\S* (?:аккаунт|учетн)`],
  ['nonRenewal', 'ru', 3, `не (?:будем|станем|планируем) продлева`, true],
  ['nonRenewal', 'ru', 3, `не продл(?:им|ева)`, true],
  [
    'competitor',
    'ru',
    3,
    `(?:переход|переходим|перейти|уходим) (?:к|на) (?:другому|другого|другой|конкурент)`,
  ],
  ['competitor', 'ru', 2, `(?:другого|другой|нового) (?:поставщика|поставщик|подрядчика|сервис)`],
  ['price', 'ru', 3, `слишком дорог`],
  ['price', 'ru', 2, `(?:бюджет|бюджета) (?:сокращ|урез)`],
  ['price', 'ru', 2, `не можем (?:себе )?позволить`],
  ['price', 'ru', 1, `скидк`],
  ['paymentDelay', 'ru', 3, `отсрочк\\S* (?:платеж|оплат)`],
  ['paymentDelay', 'ru', 3, `рассрочк`],
  ['paymentDelay', 'ru', 2, `(?:перенести|отложить) (?:оплату|платеж)`],
  ['paymentDelay', 'ru', 2, `не можем (?:оплатить|заплатить)`],
  ['complaint', 'ru', 3, `жалоб`],
  ['complaint', 'ru', 3, `недовольн`],
  ['complaint', 'ru', 2, `(?:никто не|нет) ответ`],
  ['complaint', 'ru', 2, `неприемлем`],
  ['downgrade', 'ru', 3, `(?:перейти|перевести|переход) на (?:более )?(?:дешев|младш|базов)`],
  ['downgrade', 'ru', 2, `(?:сократить|уменьшить) (?:количество )?(?:лицензи|мест|пользовател)`],
  ['expansion', 'ru', 3, `(?:добавить|нужно еще|нужны еще) \\S*\\s?(?:лицензи|мест|пользовател)`],
  ['expansion', 'ru', 2, `расшир`],
  // Kazakh
  ['cancellation', 'kk', 3, `(?:жазылым|келісімшарт|шарт)\\S* (?:тоқтат|бұз|бас тарт)`],
  ['cancellation', 'kk', 3, `бас тарт(?:амыз|қымыз келеді|у)`],
  ['cancellation', 'kk', 2, `келісімшартты бұзу`],
  ['nonRenewal', 'kk', 3, `ұзартпаймыз`, true],
  ['nonRenewal', 'kk', 3, `ұзартпайтын`, true],
  ['competitor', 'kk', 3, `басқа (?:жеткізуші|провайдер|сервис|компания)`],
  ['price', 'kk', 3, `тым қымбат`],
  ['price', 'kk', 2, `қымбат(?:тап кетті|қа түседі)`],
  ['paymentDelay', 'kk', 3, `(?:төлем|төлемді) (?:\\S+ ){0,3}(?:кейінге қалдыр|кешіктір)`],
  ['paymentDelay', 'kk', 3, `бөліп төле`],
  ['paymentDelay', 'kk', 2, `төлей алмаймыз`],
  ['complaint', 'kk', 3, `шағым`],
  ['complaint', 'kk', 3, `наразы`],
  ['complaint', 'kk', 2, `жауап (?:жоқ|бермеді)`],
  ['downgrade', 'kk', 2, `арзан(?:ырақ)? (?:тариф|жоспар)`],
  ['expansion', 'kk', 2, `(?:қосымша|тағы) \\S* ?(?:пайдаланушы|лицензия|орын)`],
  // Turkish (folded: ı→i, ş→s, ğ→g, ç→c, ö→o, ü→u)
  ['cancellation', 'tr', 3, `(?:abonelig|uyelig|sozlesme|hesab)\\S* (?:iptal|sonlandir|fesih|feshet)`],
  ['cancellation', 'tr', 3, `iptal (?:etmek|ediyoruz|edin|talebi|istiyoruz|edilmesini)`],
  ['cancellation', 'tr', 2, `sozlesmeyi fesh`],
  ['nonRenewal', 'tr', 3, `yenilemeyecegiz`, true],
  ['nonRenewal', 'tr', 3, `yenilemek istemiyoruz`, true],
  ['competitor', 'tr', 3, `baska bir (?:saglayici|firma|tedarikci|hizmet)\\S*`],
  ['competitor', 'tr', 2, `rakip (?:firma|urun)`],
  ['price', 'tr', 3, `(?:cok|fazla) pahali`],
  ['price', 'tr', 2, `butce\\S* (?:kisit|kes|azal)`],
  ['price', 'tr', 1, `indirim`],
  ['paymentDelay', 'tr', 3, `odeme\\S* (?:ertele|erteleme)`],
  ['paymentDelay', 'tr', 3, `taksit`],
  ['paymentDelay', 'tr', 2, `odeyemiyoruz`],
  ['complaint', 'tr', 3, `sikayet`],
  ['complaint', 'tr', 3, `memnun degiliz`],
  ['complaint', 'tr', 2, `kabul edilemez`],
  ['complaint', 'tr', 2, `cevap (?:vermedi|alamadik|yok)`],
  ['downgrade', 'tr', 2, `(?:daha )?(?:ucuz|kucuk) (?:paket|plan)`],
  ['expansion', 'tr', 2, `(?:ek|daha fazla) (?:kullanici|lisans|koltuk)`],
  // Norwegian (folded: ø→o, å→a, æ→ae); Bokmål with common Nynorsk/Danish spellings
  ['cancellation', 'no', 3, `si (?:opp|op) (?:\\S+ )?(?:abonnement|avtal|kontrakt|lisens)`],
  ['cancellation', 'no', 3, `oppsigelse`],
  [
    'cancellation',
    'no',
    3,
    `(?:avslutte|avslutter|kansellere) (?:\\S+ )?(?:abonnement|avtal|kontrakt|konto)`,
  ],
  ['nonRenewal', 'no', 3, `(?:ikke|ikkje) forny`, true],
  ['nonRenewal', 'no', 2, `fornyer ikke`, true],
  [
    'competitor',
    'no',
    3,
    `(?:bytter|bytte|gar over) til (?:en )?(?:annen|ny|billigere) (?:leverandor|tjeneste|losning)`,
  ],
  ['price', 'no', 3, `(?:for|altfor) dyrt`],
  ['price', 'no', 2, `(?:budsjettkutt|kutte kostnader)`],
  ['paymentDelay', 'no', 3, `utsette betaling`],
  ['paymentDelay', 'no', 3, `(?:avdrag|nedbetaling)`],
  ['paymentDelay', 'no', 2, `betalingsutsettelse`],
  ['complaint', 'no', 3, `(?:klage|klager)`],
  ['complaint', 'no', 3, `(?:misfornoyd|skuffet|skuffa)`],
  ['complaint', 'no', 2, `(?:ingen|ikke) svar`],
  ['downgrade', 'no', 2, `(?:billigere|mindre) (?:pakke|plan|abonnement)`],
  ['expansion', 'no', 3, `(?:\\d+ )?flere brukere`],
  ['expansion', 'no', 2, `(?:utvide|oppgradere)`],
];

export const INTENT_PATTERNS: IntentPattern[] = RAW.map(
  ([intent, language, strength, pattern, negative]) => ({
    intent,
    language,
    strength,
    pattern,
    ...(negative ? { negative } : {}),
  }),
);

export const INTENT_LABELS: Record<Intent, string> = {
  cancellation: 'Cancellation request',
  nonRenewal: 'Will not renew',
  competitor: 'Switching to a competitor',
  price: 'Finds it too expensive',
  paymentDelay: 'Asks to delay payment',
  complaint: 'Complaint',
  downgrade: 'Wants to downgrade',
  expansion: 'Wants to expand',
};
