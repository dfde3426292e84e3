/**
 * Kazakh phrases. Kazakh is agglutinative and verb-final: the object comes first and negation is a
 * suffix on the verb ("бас тартамыз" we cancel / "бас тартпаймыз" we will not), so verbs end in `%`
 * and the cues check the suffix. Letters are folded (қ→к, ә→а …), so text typed on a Russian
 * keyboard matches too. "ұзартпақпыз" (we intend to extend) is not "ұзартпаймыз" (we will not): the
 * -пақ intention suffix is excluded explicitly.
 */
import type { CueSpec, RuleSpec } from './compile';
import { PLAN_NAMES } from './names';

const RELATIONSHIP =
  '(?:жазылым~|келісімшарт~|шарт~|қызмет(?!кер)~|аккаунт~|тіркелгі~|лицензия~|тариф~|сервис~|абонемент~|ынтымақтаст(?:ық|ығ)~|серіктест(?:ік|іг)~)';
const EVENTS =
  'кездесу~|жиналыс~|қоңырау~|демо~|вебинар~|брондау~|тапсырыс~|сапар~|іс-шара~|оқыту~|презентация~';
const ANOTHER = '(?:басқа|өзге|жаңа|арзанырақ|арзан|бәсекелес)';
const VENDOR =
  '(?:жеткізуші~|провайдер~|компания~|сервис~|қызмет(?!кер)~|платформа~|бағдарлама~|шешім~|серіктес~|жүйе~|өнім~)';
const ALT = `${ANOTHER} (?:\\p{L}+ )?${VENDOR}`;
// Staff (қызметкер) are not seats: "30 қызметкерді қысқарттық" is a headcount, not a downgrade.
const SEATS = '(?:лицензия~|орын~|пайдаланушы~|қолданушы~)';

export const KK_RULES: RuleSpec[] = [
  // cancellation
  {
    intent: 'cancellation',
    weight: 0.9,
    pattern: `${RELATIONSHIP} _ бас тарт%`,
    vetoAfter: 'ұзарт~|жаңарт~',
  },
  {
    intent: 'cancellation',
    weight: 0.6,
    pattern: 'бас тарт%',
    vetoBefore: `${EVENTS}|төле~|төлем~|ұзарт~|жаңарт~|ұсыныс~`,
  },
  {
    intent: 'cancellation',
    weight: 0.85,
    pattern: `${RELATIONSHIP} _ (?:бұз|тоқтат|жой|болдырма|өшір|жаб)%`,
    vetoAfter: `ұзарт~|талап~|${EVENTS}`,
  },
  {
    intent: 'cancellation',
    weight: 0.7,
    pattern: '(?:пайдалануды|қолдануды|жұмысты) тоқтат%',
    vetoBefore: 'уақытша',
  },
  {
    intent: 'cancellation',
    weight: 0.6,
    pattern:
      '(?:енді|бұдан былай|бұдан әрі) (?:\\p{L}+ )?(?:қажет емес|керек емес|пайдаланбаймыз|қолданбаймыз|қажетіміз жоқ|керегі жоқ)',
    negative: true,
    // A module no longer used is a downgrade at most.
    vetoBefore: 'модул~|функция~|мүмкіндік~|есеп~',
  },
  {
    intent: 'cancellation',
    weight: 0.85,
    pattern:
      '(?:жазылым~|келісімшарт~|шарт~) (?:тоқтату~|бұзу~|жою~) (?:туралы )?(?:өтініш~|хабарлама~|хат~)|бас тарту туралы (?:өтініш~|хат~)',
  },
  { intent: 'cancellation', weight: 0.5, pattern: 'болдырма(?![кс])%', vetoBefore: EVENTS },

  // nonRenewal
  { intent: 'nonRenewal', weight: 0.85, pattern: 'ұзартпа(?!қ)~', negative: true },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern: '(?:келісімшарт~|шарт~|жазылым~|лицензия~) _ (?:жаңартпа(?!қ)~|жалғастырма(?!қ)~)',
    negative: true,
  },
  { intent: 'nonRenewal', weight: 0.6, pattern: 'жалғастырма(?!қ)~', negative: true },
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern:
      '(?:ұзартуды|жаңартуды|жалғастыруды) (?:\\p{L}+ )?(?:жоспарламай~|ойламай~|қаламай~|көздемей~)|(?:ұзартуға|жаңартуға|жалғастыруға) (?:\\p{L}+ )?(?:ниет~|ой~|жоспар~) (?:\\p{L}+ )?жоқ|(?:ұзарту~|жаңарту~) (?:жоспарда жоқ|қарастырылмай~)',
    negative: true,
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern:
      'ұзартудан бас тарт~|(?:автоматты|автоматтық|авто) (?:ұзарту~|жаңарту~) (?:\\p{L}+ )?(?:өшір~|тоқтат~|болдырма~|ажырат~)',
  },

  // competitor
  {
    intent: 'competitor',
    weight: 0.85,
    pattern: `${ALT} _ (?:(?:ауыс|көш|таңда)%|тапт~|келісім~ жаса~)`,
  },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern: `${ALT} _ (?:қарастыр~|ізде~|зертте~|салыстыр~|сына~)`,
  },
  {
    intent: 'competitor',
    weight: 0.35,
    pattern: `(?:басқа|өзге|арзанырақ|бәсекелес) (?:\\p{L}+ )?${VENDOR}`,
  },
  { intent: 'competitor', weight: 0.5, pattern: 'бәсекелес~', vetoBefore: 'біздің|өз~' },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern:
      '(?:арзанырақ|тиімдірек|жақсырақ) (?:\\p{L}+ )?(?:балама~|ұсыныс~|нұсқа~)|балама~ (?:\\p{L}+ )?(?:ізде~|тап~|қарастыр~)|(?:ізде~|тап~|қарастыр~) (?:\\p{L}+ )?балама~',
  },

  // price
  { intent: 'price', weight: 0.8, pattern: '(?:тым|өте|аса|тіпті|шамадан тыс) қымбат~' },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      '(?:біз үшін|бізге) (?:\\p{L}+ )?қымбат~|қымбаттап кет~|қымбаттады|қымбаттау~|(?:баға~|құн~|тариф~) (?:\\p{L}+ )?(?:өсті|көтерілді|өсуі|көтерілуі|жоғары|қымбат~|өсіп)',
    news: true,
  },
  { intent: 'price', weight: 0.75, pattern: '(?:қалта~|шама~) (?:көтермей~|жетпей~)', negative: true },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      'бюджет~ (?:\\p{L}+ ){0,2}(?:қысқар~|азай~|кеміт~|шектеул~|жетпей~|тарыл~)|(?:қысқарған|шектеулі) бюджет~',
  },
  {
    intent: 'price',
    weight: 0.7,
    pattern: '(?:баға~|құн~) (?:\\p{L}+ )?(?:ақтамай~|ақталмай~)',
    negative: true,
  },
  {
    intent: 'price',
    weight: 0.4,
    pattern: 'жеңілд(?:ік|іг)~|шығын~ (?:қысқарт~|азайт~|үнемде~)',
    vetoAfter: 'код~|купон~|конференция~|билет~|іс-шара~|акция~',
  },

  // paymentDelay
  {
    intent: 'paymentDelay',
    weight: 0.85,
    pattern: '(?:төлем~|төлеу~|шот~|ақы~) _ (?:кейінге қалдыр~|кейінге шегер~|кешіктір~|шегер~|ауыстыр~)',
  },
  { intent: 'paymentDelay', weight: 0.5, pattern: 'кейінге (?:қалдыр~|шегер~)', vetoBefore: EVENTS },
  {
    intent: 'paymentDelay',
    weight: 0.8,
    pattern: 'бөліп(?:-бөліп)? төле~|бөліктеп төле~|бөлшектеп төле~|(?:төлем~|төлеу~) кестесі~|рассрочк~',
    firstParty: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      '(?:төлей|төлеуге|төлем жасай) (?:\\p{L}+ )?(?:алмаймыз|алмай|алмайтын|мүмкіндігіміз жоқ|шамамыз жетпейді|қаражатымыз жоқ)',
    negative: true,
    vetoAfter: 'карта~|арқылы|онлайн',
  },
  {
    intent: 'paymentDelay',
    weight: 0.8,
    pattern:
      '(?:төлем~|төлеу~) мерзім~ _ (?:ұзарт~|шегер~|кейінге)|мерзім~ (?:ұзартуды|ұзартып) (?:\\p{L}+ )?(?:сұра~|өтін~)',
  },
  {
    intent: 'paymentDelay',
    weight: 0.5,
    pattern:
      'қаржылық (?:жағдай~ (?:\\p{L}+ )?(?:қиын|нашар|ауыр)|қиынд(?:ық|ығ)~|қиын~)|(?:қаржы|ақша) (?:тапшы~|жетіспеу~|жетпей~)',
  },
  { intent: 'paymentDelay', weight: 0.65, pattern: '(?:келесі айда|кейінірек|кешіктіріп) төле~' },

  // complaint
  { intent: 'complaint', weight: 0.65, pattern: 'шағым~', firstParty: true },
  { intent: 'complaint', weight: 0.7, pattern: 'наразы~' },
  {
    intent: 'complaint',
    weight: 0.7,
    pattern:
      '(?:көңіл~) (?:толмай~|қалды|қалып)|(?:риза|разы) емес~|қанағаттанбай~|қанағаттанарлықсыз~|қанағаттандырмай~',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.6,
    pattern: 'қабылдауға болмайды|жол берілмейді|қабылданбайды|сорақы~|масқара~|сұмдық',
    vetoBefore: 'карта~|төлем~|өтінім~',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern:
      'жауап (?:жоқ|бермей~|берген жоқ|алмадық|ала алмадық|болмады)|(?:ешкім|ешбір) (?:\\p{L}+ )?(?:жауап бермеді|хабарласпады|көмектеспеді)',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.4,
    pattern:
      '(?:үш|төрт|бес|бірнеше|талай) рет (?:\\p{L}+ )?(?:жаздық|хабарластық|жүгіндік|қоңырау шалдық|өтініш)|(?:үнемі|қайта-қайта|тағы да|әлі де) (?:\\p{L}+ )?(?:істемей~|бұзыл~|қате~|ақау~|тоқтап)',
  },
  {
    intent: 'complaint',
    weight: 0.6,
    pattern:
      '(?:нашар|төмен|сапасыз) (?:\\p{L}+ )?(?:қызмет(?!кер)~|қолдау~|сапа~)|сапа~ (?:нашарла~|төмендеді)',
  },
  {
    intent: 'complaint',
    weight: 0.3,
    pattern: 'жұмыс істемей~|істемей тұр',
    negative: true,
    vetoBefore: 'сілтеме~|код~|құпиясөз~',
  },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern: '(?:шыдамымыз|төзіміміз) (?:таусылды|бітті)|сенім~ (?:жоғалт~|қалмады)',
  },

  // downgrade
  {
    intent: 'downgrade',
    weight: 0.75,
    pattern:
      '(?:арзанырақ|кішірек|базалық|қарапайым|төменгі|бастапқы|тегін) (?:\\p{L}+ )?(?:тариф~|жоспар~|пакет~|нұсқа~)',
  },
  { intent: 'downgrade', weight: 0.8, pattern: `${SEATS} _ (?:азайт~|қысқарт~|кеміт~)` },
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: '(?:тариф~|жоспар~|пакет~) (?:\\p{L}+ )?(?:төмендет~|арзандат~|кішірейт~|азайт~)',
  },

  // expansion
  {
    intent: 'expansion',
    weight: 0.75,
    pattern: `(?:қосымша|тағы|көбірек) (?:\\d+ )?(?:\\p{L}+ )?${SEATS}`,
  },
  {
    intent: 'expansion',
    weight: 0.8,
    pattern: `${SEATS} (?:\\p{L}+ )?(?:қос~|сатып ал~|көбейт~|арттыр~)`,
  },
  {
    intent: 'expansion',
    weight: 0.75,
    pattern: '(?:тариф~|жоспар~|пакет~|жазылым~) (?:\\p{L}+ )?(?:жоғарылат~|көтер~|кеңейт~|ұлғайт~)',
  },
  {
    intent: 'expansion',
    weight: 0.5,
    pattern: 'жаңа (?:\\p{L}+ )?(?:филиал~|бөлім~|команда~|кеңсе~|клиника~|дүкен~)',
  },
];

const MONTHS = '(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)';

/** Phrases that generalise a kind rather than one wording: named products, price as a reason, indirect ways to say it. */
KK_RULES.push(
  // A named product with a case suffix before an ordinary verb: "Bnovo-ға ауысамыз", "amoCRM-ге көшеміз".
  {
    intent: 'competitor',
    weight: 0.8,
    pattern: '"?@"?-?(?:ке|ге|қа|ға|на|не|а|е) (?:\\p{L}+ ){0,2}?(?:көш|ауыс)%',
  },
  {
    intent: 'competitor',
    weight: 0.75,
    pattern: '@ (?:жүйесі(?:не|н)? (?:\\p{L}+ )?(?:көш|ауыс|таңда)~|таңда~)',
  },
  {
    intent: 'competitor',
    weight: 0.75,
    pattern: '"?@"?-?(?:пен|мен|бен) (?:шарт|келісім)~ (?:жаса|қол қой)~',
  },
  { intent: 'competitor', weight: 0.6, pattern: '"?@"?-?(?:ды|ді|ны|ні|ты|ті) сына~' },
  {
    intent: 'competitor',
    weight: 0.6,
    pattern: 'басқа жер(?:ден|де) (?:\\p{L}+ )?арзан~|арзанырақ (?:\\p{L}+ )?тапт~',
  },
  { intent: 'complaint', weight: 0.55, pattern: 'қанша (?:\\p{L}+ )?күт~' },
  // Whole forms of бөлу (divide): folded, "бөл-" is "бол-" (be), so a stem would match "бола ма".
  {
    intent: 'paymentDelay',
    weight: 0.7,
    pattern: '(?:төлем~|шот~) (?:\\p{L}+ ){0,2}(?:бөлуге|бөлуді|бөліп|бөліңіз|бөлейік)',
    firstParty: true,
  },
  // Price as the reason: "жаңа бағамен шыдай алмаймыз", "40% арзан". A negation after it belongs
  // to the other verb, so none is read.
  {
    intent: 'price',
    weight: 0.65,
    negative: true,
    pattern:
      '(?:жаңа|мұндай|осындай|осы|бұл) бағамен|\\d+ ?\\u0025(?:-ға|-ке)? арзан~|(?:екі|үш) есе (?:арзан~|көп төле~)|шығын~ (?:\\p{L}+ )?тоқтат~|(?:ең арзан|арзанырақ) тариф~',
  },
  {
    intent: 'price',
    weight: 0.7,
    pattern: '(?:баға~|құн~) (?:\\p{L}+ ){0,2}(?:ақтамай~|ақталмай~)',
    negative: true,
  },
  // Indirect wording.
  {
    intent: 'cancellation',
    weight: 0.7,
    pattern: 'соңғы айымыз|(?:аккаунт~|тіркелгі~) (?:\\p{L}+ )?өшір~|қызметті тоқтат~|енді керек болмайды',
  },
  {
    intent: 'complaint',
    weight: 0.6,
    pattern: 'бұлай (?:\\p{L}+ ){0,2}(?:мүмкін емес|болмайды)',
    negative: true,
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern: '(?:жалғастыр|ұзарт)(?:у~|уға|уды) (?:\\p{L}+ )?(?:ниет~|жоспар~) (?:\\p{L}+ )?жоқ',
    negative: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.7,
    pattern: `төлем~ (?:\\p{L}+ ){0,3}кешіг~|төлемді кешіктір~|${MONTHS}(?:да|де|та|те) төле~`,
  },
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern:
      '(?:арзан|арзанырақ|ең арзан|төменгі|кіші) тариф~|"?(?:лайт|старт|базалық)"? тариф~ (?:\\p{L}+ )?(?:ауыс|түс|көш)~|тариф~ (?:\\p{L}+ ){0,2}түс~|\\d+ лицензия~ (?:\\p{L}+ )?алып таста~|\\d+ емес,? \\d+ (?:пайдаланушы|лицензия|орын)~',
  },
  // "Шағымданғым келмейді, бірақ …" announces a complaint.
  {
    intent: 'complaint',
    weight: 0.6,
    pattern: '(?:шағымдан~|сын айт~) (?:\\p{L}+ )?(?:келмейді|ұнатпаймын),? (?:бірақ|алайда)',
    negative: true,
  },
);

export const KK_CUES: CueSpec = {
  negators: 'ешқашан|әсте|ешқандай',
  negatedBy:
    'келмей~|ойламай~|жоспарламай~|ниет~ (?:\\p{L}+ )?жоқ|ой~ (?:\\p{L}+ )?жоқ|жоспар~ (?:\\p{L}+ )?жоқ|жоқ|емес|қаламай~|болмайды',
  negativeTail: '[мбп][ае](?:й|с|д|г|н|у)',
  hedges: 'бәлкім|шамасы|сірә|мүмкін|ықтимал',
  hedgesAfter: 'мүмкін|ықтимал|шығар|қарастыр~|ойланып|ойлап жүр~',
  conditions: 'егер|әйтпесе|жағдайда|\\p{L}{2,}(?:са|се)',
  conditionsAfter: 'егер|әйтпесе|жағдайда',
  polite:
    'мүмкін болса|мүмкіндік болса|қиын болмаса|сұрақтар~ болса|сұрақ~ туындаса|қажет болса|бола ма|бола ма екен',
  contrast: 'бірақ|алайда|дегенмен|және|себебі|өйткені|сондықтан|ал',
  // -ма/-ме/-ба/-бе/-па/-пе plus a personal or tense ending: "төмендетпейміз", "тартпады", "жоқпыз".
  negativeWord:
    '[мбп][ае]й(?:мын|мін|мыз|міз|сың|сің|сыз|сіз|ды|ді)?|[мбп][ае](?:ды|ді|ған|ген)|^жоқ~|^емес~',
  // -са/-се plus a personal ending: "ауыссақ", "бас тартсақ", "жараспаса"
  // (not the conjunction "немесе", "or").
  conditionalWord: '^(?!немесе)\\p{L}{2,}(?:са|се)(?:қ|к|м|ң|ңыз|ңіз|ңдар|ңдер)?',
  hearsay: 'естідік|естіпті|естідім|естіген~|деді|рас па|солай ма|шындық бар ма|оқыдым',
  // Russian words too: Kazakh email borrows "рассрочка" and "гости" freely. "қонақ" becomes
  // "қонағы-" before a vowel.
  thirdParty: 'қона[қғ]~|клиент~|турист~|келуші~|тұтынушы~|гост~',
  notProducts: `${PLAN_NAMES}|лайт|старт|бизнес|базалық|nimbus|дүйсенбі~|сейсенбі~|сәрсенбі~|бейсенбі~|жұма~|сенбі~|жексенбі~`,
};
