/**
 * Norwegian phrases, Bokmål first, with the Nynorsk and Danish spellings customers mix in
 * ("ikkje", "seie opp", "oppseiing", "opsige", "afslutte", "udskyde"). Norwegian is verb-second, so
 * a fronted phrase puts the subject between verb and particle ("Til den prisen sier vi opp"), and
 * negation follows a finite verb ("vi fornyer ikke") and precedes an infinitive ("ikke å fornye");
 * both orders are written out. "Si opp" is also what employers do to staff and tenants to flats, so
 * those objects veto it; "avtale" is both agreement and appointment, but "si opp avtalen" only means
 * the agreement ("avlyse avtalen" would be the appointment, and is not a pattern).
 */
import type { CueSpec, RuleSpec } from './compile';
import { PLAN_NAMES } from './names';

const RELATIONSHIP =
  '(?:abonnement~|avtale~|kontrakt~|lisens~|tjeneste~|kundeforhold~|medlemskap~|konto~|samarbeid~|abonnemang~)';
const NOT_OURS =
  'ansatt~|medarbeider~|stilling~|leilighet~|husleie~|leie~|leieavtale~|lån~|folk|personal~|mannskap~|møte~|arrangement~|\\d+ (?:ansatte|stillinger)';
const ANOTHER = '(?:annen|annan|anden|andre|anna|ny|nye|billigere|rimeligere|konkurrerende|alternativ~)';
const VENDOR =
  '(?:leverandør~|tilbyder~|tilbydar~|løsning~|plattform~|system~|tjeneste~|aktør~|program~|verktøy~|leverandor~)';
const ALT = `${ANOTHER} (?:\\p{L}+ )?${VENDOR}`;
const SEATS = '(?:lisenser|lisensar|brukere|brukarar|brugere|brukerlisenser|seter|plasser)';
const NOT = '(?:ikke|ikkje|ikk)';

export const NO_RULES: RuleSpec[] = [
  // cancellation
  {
    intent: 'cancellation',
    weight: 0.9,
    pattern: `(?:si|sier|sa|sagt|seie|seier|sei) (?:vi |jeg |eg |dere |de )?(?:herved |med dette |hermed |nå |dessverre |derfor )?opp _ ${RELATIONSHIP}`,
    vetoAfter: NOT_OURS,
  },
  {
    intent: 'cancellation',
    weight: 0.75,
    pattern:
      '(?:si|sier|sa|sagt|seie|seier|sei) (?:vi |jeg |eg |dere |de )?(?:herved |med dette |hermed |nå |dessverre |derfor )?opp',
    vetoAfter: NOT_OURS,
  },
  {
    intent: 'cancellation',
    weight: 0.8,
    pattern: 'oppsigels~|oppseiing~|opsigels~|opsig~',
    vetoAfter: NOT_OURS,
  },
  {
    intent: 'cancellation',
    weight: 0.85,
    pattern: `(?:avslutt~|avslutning av|avvikl~|terminer~|kansell~|afslut~|heve|hever|opphev~|opsig~|oppseie|oppseier) _ ${RELATIONSHIP}`,
    vetoAfter: NOT_OURS,
  },
  {
    intent: 'cancellation',
    weight: 0.8,
    pattern: '(?:slett~|lukk~|steng~|deaktiver~) (?:\\p{L}+ )?(?:konto~|brukerkonto~|abonnement~)',
    vetoAfter: 'test~|demo~|gammel~|gamle',
  },
  {
    intent: 'cancellation',
    weight: 0.6,
    pattern: `(?:trenger|bruker|ønsker|behøver|treng|brukar) (?:\\p{L}+ )?${NOT} (?:lenger|lengre|længere)|(?:har|har vi) ${NOT} (?:lenger|lengre|længere) (?:behov|bruk|brug) for`,
    negative: true,
    vetoAfter: 'tilgang~|bruker~n|funksjon~|rapport~',
  },
  {
    intent: 'cancellation',
    weight: 0.7,
    pattern: '(?:slutte|slutter|sluttar) (?:å|at) bruke|(?:stoppe|stopper) (?:å )?bruke',
    vetoAfter: 'funksjon~|knapp~|mal~|den gamle|modul~',
  },

  // nonRenewal
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern: `${NOT} (?:\\p{L}+ ){0,2}(?:forny~|forlenge~|fornya|forlenga)`,
    negative: true,
    vetoAfter: 'leie~|lån~|pass~|forsikring~|domene~',
  },
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern: `(?:forny~|forlenge~|fornya|forlenga|forlenger) (?:\\p{L}+ )?${NOT}(?! bare| berre| bara)`,
    negative: true,
    vetoAfter: 'leie~|lån~|pass~|forsikring~|domene~',
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern:
      '(?:la|lar|lot) (?:avtalen|abonnementet|kontrakten|lisensen|lisensene) (?:\\p{L}+ )?(?:løpe ut|utløpe|gå ut|udløbe|renne ut)',
  },
  {
    intent: 'nonRenewal',
    weight: 0.75,
    pattern:
      '(?:skru av|slå av|slå fra|deaktiver~|kansell~|avslutt~|stopp~) (?:den )?(?:automatisk~? )?(?:fornyels~|fornying~)',
  },
  {
    intent: 'nonRenewal',
    weight: 0.7,
    pattern: `${NOT} (?:\\p{L}+ )?(?:fortsette|fortsetje|fortsætte|videreføre) (?:\\p{L}+ )?${RELATIONSHIP}|(?:fortsetter|viderefører) (?:\\p{L}+ )?${NOT} (?:\\p{L}+ )?${RELATIONSHIP}`,
    negative: true,
  },

  // competitor
  {
    intent: 'competitor',
    weight: 0.85,
    pattern: `(?:bytt~|skift~|går over|gå over|gått over|flytt~|migrer~|velge|valgt|valgte) (?:\\p{L}+ )?(?:til )?(?:en |ein |et |ei )?${ALT}`,
  },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern: `(?:ser på|se på|vurderer|undersøker|sammenligner|tester|prøver ut|snakker med|forhandler med|fått tilbud fra|innhenter tilbud fra|kigger på|ser oss om etter) _ (?:${ALT}|andre leverandør~|alternativ~|markedet|konkurrent~)`,
  },
  {
    intent: 'competitor',
    weight: 0.35,
    pattern: `(?:annen|annan|anden|andre|anna|billigere|rimeligere|konkurrerende) (?:\\p{L}+ )?${VENDOR}`,
  },
  { intent: 'competitor', weight: 0.5, pattern: 'konkurrent~', vetoBefore: 'våre|vår|vores|våres' },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern:
      '(?:billigere|bedre|rimeligere|gunstigere) (?:tilbud|alternativ~|avtale|pris) (?:fra|hos)|(?:fått|har fått) (?:et )?(?:bedre|billigere|rimeligere|gunstigere) tilbud',
  },

  // price
  {
    intent: 'price',
    weight: 0.8,
    pattern:
      '(?:for|altfor|alt for|svært|veldig|meget|ganske|litt for) dyr(?:t|e)?|(?:har blitt|blir|har vorte|er blevet|ble) (?:for |altfor |alt for )?dyr(?:t|e)?',
  },
  {
    intent: 'price',
    weight: 0.75,
    pattern: `(?:har|har vi) ${NOT} råd|(?:kan|klarer) ${NOT} (?:\\p{L}+ )?(?:forsvare|rettferdiggjøre|forsvara|retfærdiggøre) (?:\\p{L}+ )?(?:kostnad~|pris~|utgift~|beløp~)`,
    negative: true,
  },
  {
    intent: 'price',
    weight: 0.6,
    pattern:
      '(?:pris~|kostnad~) (?:\\p{L}+ )?(?:økning~|økte|har økt|øker|stiger|steg|har steget|går opp)|(?:pris~|kostnad~) (?:er )?(?:for|altfor|alt for|svært|veldig) høy~|prisøkning~|prishopp|prisstigning~',
    news: true,
  },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      'budsjett~ _ (?:kutt~|redusert|reduser~|stramm~|stramt|halvert|frosset|sprengt)|budsjettkutt~|kutt~ i budsjett~|sparetiltak~|sparekrav~|(?:over|utenfor) budsjett~',
  },
  {
    intent: 'price',
    weight: 0.4,
    pattern: 'rabatt~|(?:kutte|redusere|skjære ned på|spare) (?:\\p{L}+ )?(?:kostnad~|utgift~|penger|pengar)',
    vetoAfter: 'kode~|kupong~|konferanse~|arrangement~|billett~|kurs~|kampanje~',
  },

  // paymentDelay
  {
    intent: 'paymentDelay',
    weight: 0.85,
    pattern:
      '(?:utsett~|udskyd~|utsetje|forskyv~|skyv~ på|vente med) _ (?:betaling~|faktura~|forfall~|innbetaling~|betalinga)',
  },
  {
    intent: 'paymentDelay',
    weight: 0.85,
    pattern: 'betalingsutsettelse~|utsettelse (?:av|på|med) (?:\\p{L}+ )?(?:betaling~|faktura~)|henstand',
  },
  {
    intent: 'paymentDelay',
    weight: 0.8,
    pattern:
      'avdrag~|nedbetaling~|afdrag~|ratebetaling~|delbetaling~|betalingsplan~|betalingsavtale~|dele (?:opp )?(?:betaling~|faktura~|beløp~|summen)',
    firstParty: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.65,
    pattern:
      'betal~ (?:\\p{L}+ )?(?:senere|seinare|neste måned|litt senere|om en måned|i neste måned)|(?:mer|lengre|litt mer|ekstra) tid (?:til|på) (?:å )?betal~',
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern: `(?:kan|klarer|kan vi|har vi) (?:\\p{L}+ )?${NOT} (?:\\p{L}+ )?(?:betale|betala|dekke fakturaen)`,
    negative: true,
    vetoAfter: 'med kort|med kredittkort|via|gjennom|med vipps|i euro|i dollar',
  },
  {
    intent: 'paymentDelay',
    weight: 0.8,
    pattern:
      '(?:lengre|utvidet|forlenget|forlenge~) (?:betalingsfrist~|forfall~|kredittid~|betalingstid~)|betalingsfri~|betalingsferie',
  },
  {
    intent: 'paymentDelay',
    weight: 0.5,
    pattern:
      'likviditet~ (?:\\p{L}+ )?(?:problem~|utfordring~|stram~|anstrengt)|stram likviditet|likviditetsproblem~',
  },

  // complaint
  { intent: 'complaint', weight: 0.6, pattern: 'klage~|klaget|klaga', firstParty: true },
  {
    intent: 'complaint',
    weight: 0.7,
    pattern: `misfornøy~|misnøgd~|misnøye|utilfreds~|${NOT} (?:fornøyd~|nøgd~|tilfreds~|fornøgd~)`,
    negative: true,
  },
  { intent: 'complaint', weight: 0.65, pattern: 'skuff(?:et|ede|a|ende|else|elsen|er)' },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern: `uakseptab~|${NOT} akseptab~|uholdbar~|skandal~|elendig~|katastrofal~`,
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern: `(?:ingen|${NOT} fått|aldri fått) (?:\\p{L}+ )?(?:svar|tilbakemelding|respons|hjelp)|ingen (?:har )?(?:svart|svarer|ringt tilbake)|venter fortsatt på (?:svar|hjelp|løsning)`,
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.45,
    pattern:
      '(?:tredje|fjerde|femte|tiende) gang|gang på gang|igjen og igjen|nok en gang|stadig (?:\\p{L}+ )?(?:feil|nede|problem~|ustabil~)|fortsatt (?:\\p{L}+ )?(?:ikke løst|ikkje løyst|feil|nede)',
  },
  {
    intent: 'complaint',
    weight: 0.6,
    pattern:
      'dårlig (?:\\p{L}+ )?(?:service|support|kundeservice|kundestøtte|kvalitet|oppfølging|brukerstøtte|kommunikasjon)',
  },
  {
    intent: 'complaint',
    weight: 0.3,
    pattern: `(?:fungerer|virker|virkar) ${NOT}`,
    negative: true,
    vetoBefore: 'lenk~|link~|passord~|kode~|skriver~|telefon~',
  },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern: 'lei av|frustrer~|mistet (?:\\p{L}+ )?(?:tillit~|tålmodighet~)|nok er nok',
  },

  // downgrade
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: 'nedgrader~|nedgradering~',
    // Software and devices are downgraded too ("nedgraderte Chrome på resepsjonsmaskinene").
    vetoAfter:
      'chrome|firefox|safari|edge|windows|macos|ios|android|nettleser~|fastvare~|firmware|app~|versjon~|skriver~|driver~|pc~|maskin~|bærbar~|nettbrett~|telefon~',
  },
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern:
      '(?:billigere|mindre|enklere|lavere|rimeligere|basis|start|gratis) ?(?:plan~|pakke~|abonnement~|nivå~|versjon~)',
  },
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: `(?:redusere|reduserer|kutte|kutter|minske|minsker) (?:\\p{L}+ )?(?:antall |antallet )?${SEATS}|færre ${SEATS}`,
  },
  { intent: 'downgrade', weight: 0.55, pattern: 'skalere ned|nedskalere~' },

  // expansion
  {
    intent: 'expansion',
    weight: 0.75,
    pattern: `(?:(?:flere|fleire|ekstra|nye) |\\d+ (?:(?:nye|flere|fleire|ekstra) )?)${SEATS}`,
    vetoBefore: 'bare|kun|berre',
    vetoAfter: 'i stedet for|istedenfor|i staden for',
  },
  {
    intent: 'expansion',
    weight: 0.6,
    pattern: 'oppgrader~',
    vetoAfter: 'server~|maskin~|pc~|windows|telefon~|datamaskin~',
  },
  {
    intent: 'expansion',
    weight: 0.7,
    pattern: 'utvid~ (?:\\p{L}+ )?(?:avtale~|abonnement~|lisens~|bruk~|samarbeid~)',
  },
  {
    intent: 'expansion',
    weight: 0.45,
    pattern:
      '(?:åpner|åpne|starter) (?:\\p{L}+ )?(?:ny|nytt|nye) (?:avdeling~|team~|kontor~|filial~|butikk~|klinikk~|apotek~)',
  },
];

/** Phrases that generalise a kind rather than one wording: named products, price as a reason, indirect ways to say it. */
NO_RULES.push(
  // A named product after an ordinary verb: "går over til HubSpot", "valgt Tripletex".
  {
    intent: 'competitor',
    weight: 0.8,
    pattern:
      '(?:går|gå|gikk|gått|bytter|bytte|byttet|flytter|flytte|flyttet|migrerer|migrere|skifter|skifte|skiftet)(?: alle| oss)?(?: over)? (?:til|på) @',
    vetoAfter: 'plan~|pakk~|versjon~|abonnement~',
  },
  {
    intent: 'competitor',
    weight: 0.75,
    pattern:
      '(?:(?:går|gå|gikk) for|valgt|valgte|velger|velge|signert (?:avtale )?med|(?:inngått|inngår) avtale med) @',
    vetoAfter: 'plan~|pakk~|versjon~',
  },
  { intent: 'competitor', weight: 0.6, pattern: '(?:(?:tester|prøver) (?:nå |ut )?|tilbud fra )@' },
  {
    intent: 'competitor',
    weight: 0.6,
    pattern: '(?:billigere|rimeligere) (?:alternativ~|løsning~|leverandør~|tilbud~)',
  },
  { intent: 'complaint', weight: 0.55, pattern: 'hvor lenge (?:må|skal) vi vente' },
  // Price as the reason: "til den prisen lar vi det løpe ut", "40 % billigere". A negation after
  // it belongs to the other verb ("med den nye prisen klarer vi det ikke"), so none is read.
  {
    intent: 'price',
    weight: 0.65,
    negative: true,
    pattern:
      '(?:med|til|for) (?:den nye|denne|den|dagens|de nye|slike) pris(?:en|ene|er)?|\\d+ ?\\u0025 billigere|(?:halve|en tredjedel av) prisen|det dobbelte|dobbelt så mye|billigste (?:pakken|planen)|(?:frosset|fryst) (?:alle )?(?:\\p{L}+ )?(?:kostnader|utgifter|budsjett~)|prisen (?:er )?ikke lenger (?:til å forsvare|forsvarlig)',
  },
  // Indirect wording.
  {
    intent: 'cancellation',
    weight: 0.7,
    pattern:
      'vår siste måned|siste måned hos dere|(?:slutter|slutte) å bruke (?:nimbus|plattformen|systemet|tjenesten)|avvikling~ av (?:kontoen|abonnementet|avtalen)|(?:abonnementet|avtalen|kontoen) (?:\\p{L}+ )?(?:avsluttes|sies opp|stenges|slettes)|avslutt alt|si opp ab+on+ement~',
  },
  {
    intent: 'complaint',
    weight: 0.6,
    pattern: 'slik kan vi ikke (?:jobbe|fortsette|ha det)',
    negative: true,
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern:
      'lar (?:\\p{L}+ ){0,2}(?:løpe ut|utløpe|gå ut)|ikke (?:tenkt|planer om) å (?:fortsette|fornye|forlenge)|kommer ikke til å (?:fornye|forlenge|fortsette)',
    negative: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      'betaling~ (?:\\p{L}+ ){0,3}forsinket|(?:blir|er) sen~ med (?:betalingen|fakturaen)|(?:betale|betaler) (?:\\p{L}+ ){0,2}i (?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)|betalingsutsettelse|utsett?e betaling~',
  },
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern:
      '(?:flytte|flytt|sette|sett) oss (?:over )?(?:på|til) (?:\\p{L}+-)?(?:planen|pakken)|gå ned til|(?:lite|start|basis)-?(?:planen|pakken)|billigste (?:pakken|planen)|(?:mindre|billigere) pakke|fjerner \\d+ (?:av )?(?:\\p{L}+ )?(?:lisens~|bruker~)|bare \\d+ brukere',
  },
  // "Jeg vil ikke klage, men …" announces a complaint.
  {
    intent: 'complaint',
    weight: 0.6,
    pattern:
      '(?:vil ikke|liker ikke å|ikke for å) (?:klage|være vanskelig|mase|pirke|syte)(?: \\p{L}+){0,2},? men',
    negative: true,
  },
);

export const NO_CUES: CueSpec = {
  negators:
    'ikke(?! lenger| lengre| længere| bare| berre)|ikkje(?! lenger| lengre| berre)|ingen|aldri|uten|utan|heller enn|i stedet for|istedenfor|ingen planer om|ikke tenkt|ikkje tenkt',
  negatedBy: `(?:er|blir) ${NOT} (?:aktuelt|aktuell|planlagt|et alternativ|noe vi|på tale)|er uaktuelt|kommer ${NOT} på tale|(?:har )?aldri (?:vært )?(?:aktuelt|et alternativ|på tale)`,
  hedges:
    'kanskje|kanskeje|måske|muligens|muligvis|kan hende|vurderer|vurdere|overveier|overvejer|tenker på|tenkjer på|tænker på|usikre på|usikker på|eventuelt|trolig|sannsynligvis|sannsynlegvis|antageligvis|risikerer|kan bli nødt til',
  conditions:
    'hvis|viss|dersom|ellers|i tilfelle|med mindre|såfremt|forutsatt at|om (?:vi|dere|du|det|man|prisen|prisene)',
  conditionsAfter: 'hvis|viss|dersom|med mindre|såfremt|forutsatt at|ellers',
  polite:
    '(?:hvis|om|dersom|viss) (?:mulig|det er mulig|det går|det passer|dere har spørsmål|du har spørsmål|nødvendig)|om mulig',
  contrast: 'men|likevel|derimot|imidlertid|og|fordi|siden|så|da|når|etter|før',
  hearsay:
    'hørt|hørte|hører|noen (?:sa|sier|nevnte)|ryktet?|rykter|stemmer det|er det (?:sant|riktig|noe i det)|leste (?:noe|at)',
  // Compounds count: "turkundene", "hotellgjester".
  thirdParty: '\\p{L}*gjest~|\\p{L}*kunde(?:r|ne|n)?|turist~|besøkende|anmelder~',
  notProducts: `${PLAN_NAMES}|basis|nimbus|januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag`,
};
