/**
 * English phrases. Cancellation needs an object that is the customer relationship (subscription,
 * account, contract …) or a clear "we want to cancel" with no event after it, so "cancel the meeting
 * tomorrow" stays out; "renewal of our office lease" never meets a nonRenewal pattern, which needs a
 * negated verb ("will not renew") or a lapse ("let the contract lapse").
 */
import type { CueSpec, RuleSpec } from './compile';
import { ENGLISH_CALENDAR, PLAN_NAMES } from './names';

const RELATIONSHIP =
  '(?:subscriptions?|accounts?|contracts?|agreements?|plans?|services?|licen[cs]e agreement|memberships?|partnership|relationship|deal|cooperation|collaboration)';
const EVENT_NOUNS =
  'meetings?|calls?|appointments?|demos?|webinars?|sessions?|trainings?|events?|bookings?|reservations?|orders?|invoices?|payments?|charges?|transactions?|flights?|trips?|visits?|interviews?|lunch|dinner|conferences?|workshops?|presentations?|sync|stand-?ups?|catch-?ups?|tickets?|emails?|shipments?|deliver(?:y|ies)|cheques?|checks?|transfers?|cards?|onsite|on-site';
/** After a bare "cancel", a time means an event: "please cancel tomorrow's call", "cancel 3pm". */
const EVENTS = `${EVENT_NOUNS}|tomorrow|tomorrow's|tonight|today's|\\d{1,2}(?::\\d\\d)? ?(?:am|pm)`;
const PARTIAL_SEATS =
  '(?:\\d+|some|a few|several|unused|extra|spare|additional) (?:of (?:our|the) )?(?:seats|licen[cs]es|users)';
const NOT_OURS = `${EVENT_NOUNS}|${PARTIAL_SEATS}|renewal|auto-?renew~|employ~|staff|lease|tenancy`;
const SEATS = '(?:seats|licen[cs]es|users|user licen[cs]es|user accounts|logins|agents)';
const NUMBER =
  '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|hundred)';
const ALT_ADJ =
  '(?:other|another|different|alternative|competing|cheaper|rival|less expensive|more affordable|new)';
const ALT_NOUN =
  '(?:vendors?|providers?|suppliers?|solutions?|platforms?|tools?|systems?|software|products?|crms?|alternatives?)';
const ALT = `(?:${ALT_ADJ} (?:[\\p{L}-]+ )?${ALT_NOUN}|alternatives|competitors?|a competitor|your competitors?)`;
const NEG =
  "(?:won't|wont|will not|shall not|would not|wouldn't|do not|don't|dont|does not|doesn't|are not|aren't|am not|is not|isn't|not going to|not planning to|not looking to|not to|no plans? to|no intention of|(?:do not|don't|didn't|did not) (?:intend|plan|want|wish) to|decided against|cannot|can't|won't be able to)";
const PAYMENT =
  '(?:payments?|invoices?|bills?|billing|charges?|due date|payment date|direct debit|instal(?:l)?ments?)';

/** Things other than a subscription that get downgraded. */
const SOFTWARE =
  'chrome|firefox|safari|edge|browsers?|windows|macos|ios|android|os|firmware|drivers?|(?:mobile |the )?app|version|printers?|laptops?|phones?|tablets?|ipads?|servers?|database|plugins?';
/** Verbs of moving to a named product. */
const SWITCH_TO =
  '(?:switch~|mov~|migrat~|transition~|go~|went|gone|port~) (?:us |everyone |everything |all )?(?:over |across )?(?:to|onto)';
const NOT_A_PLAN = 'plan|tier|package|edition|version|subscription|licen[cs]e';

export const EN_RULES: RuleSpec[] = [
  // cancellation
  { intent: 'cancellation', weight: 0.9, pattern: `cancel~ _ ${RELATIONSHIP}`, vetoAfter: NOT_OURS },
  {
    intent: 'cancellation',
    weight: 0.85,
    pattern: '(?:subscription|account|contract|membership|licen[cs]e|service) (?:cancel~|terminat~|closure)',
    vetoAfter: 'employ~|lease',
  },
  { intent: 'cancellation', weight: 0.9, pattern: `terminat~ _ ${RELATIONSHIP}`, vetoAfter: NOT_OURS },
  {
    intent: 'cancellation',
    weight: 0.8,
    pattern:
      '(?:close|closing|closed|shut~ down|delete|deleting|deactivat~) _ (?:accounts?|workspaces?|subscriptions?|tenants?|instances?)',
    vetoAfter: 'test|trial|user|bank|email account|demo|sandbox|duplicate|old',
  },
  {
    intent: 'cancellation',
    weight: 0.8,
    pattern: `(?:end|ending|ended|discontinu~) _ ${RELATIONSHIP}`,
    vetoBefore: 'at the|by the|until the|before the|the',
    vetoAfter: `${NOT_OURS}|end of`,
  },
  { intent: 'cancellation', weight: 0.8, pattern: 'discontinu~ (?:using|our use|the use)' },
  {
    intent: 'cancellation',
    weight: 0.75,
    pattern:
      '(?:stop|stopping|cease|ceasing) (?:using|paying for) (?:your|the|nimbus|this) (?:\\p{L}+ )?(?:service|product|platform|software|tool|system|app|subscription)',
  },
  {
    intent: 'cancellation',
    weight: 0.6,
    pattern: '(?:no longer|not longer) (?:need|require|want|use|using|be using|have (?:a |any )?need for)',
    negative: true,
    vetoAfter:
      "access|feature|report|field|login for|user|email address|this address|the old|that|it|john|\\p{L}+'s",
  },
  {
    intent: 'cancellation',
    weight: 0.65,
    pattern:
      "(?:want|wish|would like|'d like|need|have decided|decided|intend|plan|are going|going|have|had|must|would ask you|ask you|asking you) to (?:cancel|terminate|discontinue)",
    vetoAfter: `${NOT_OURS}|${EVENTS}`,
  },
  {
    intent: 'cancellation',
    weight: 0.65,
    pattern: 'please (?:cancel|terminate)',
    vetoAfter: `${NOT_OURS}|${EVENTS}`,
  },
  {
    intent: 'cancellation',
    weight: 0.8,
    pattern:
      '(?:cancellation|termination) (?:request|notice|form|letter|confirmation)|notice (?:of|to) (?:cancel~|terminat~)|(?:request|confirm|process|submit) (?:the |our |a |my )?cancellation',
    vetoAfter: `${EVENTS}|employ~|lease`,
  },
  {
    intent: 'cancellation',
    weight: 0.65,
    pattern:
      '(?:leav~|mov~ (?:away|on)|walk~ away) from (?:your|the|nimbus) (?:service|platform|product|software|company|subscription)',
  },
  {
    intent: 'cancellation',
    weight: 0.5,
    pattern: '(?:pause|pausing|suspend~|freez~) _ (?:subscription|account|contract|licen[cs]es?|service)',
  },

  // nonRenewal
  {
    intent: 'nonRenewal',
    weight: 0.85,
    pattern: `${NEG}(?: [^.!?\\n,]{0,20}?)? (?:renew|renewing|be renewing|extend the contract|extend our contract)`,
    negative: true,
    vetoAfter:
      'sure|certain|decided yet|lease|office|insurance|domain|passport|visa|tenancy|car|gym|mortgage|loan',
  },
  {
    intent: 'nonRenewal',
    weight: 0.45,
    pattern: '(?:not sure|unsure|undecided|not certain|not yet decided)(?: [^.!?\\n]{0,25}?)? renew(?:ing)?',
    negative: true,
  },
  { intent: 'nonRenewal', weight: 0.8, pattern: 'non-?renewal|notice of non-?renewal' },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern:
      '(?:let|letting|allow|allowing) (?:the |our |my |this )?(?:contract|subscription|licen[cs]e|agreement|plan)s? (?:to )?(?:lapse|expire|run out)',
  },
  {
    intent: 'nonRenewal',
    weight: 0.8,
    pattern:
      '(?:turn~ off|disabl~|switch~ off|cancel~|stop|remove|opt~ out of) (?:the |our )?(?:upcoming |automatic |auto-?(?: )?)?renew~',
    vetoAfter: 'lease|domain|insurance',
  },
  {
    intent: 'nonRenewal',
    weight: 0.75,
    pattern:
      '(?:this|that|it) (?:will|is going to) be our (?:last|final) (?:year|term|month|period|invoice|renewal)',
  },
  {
    intent: 'nonRenewal',
    weight: 0.7,
    pattern: `${NEG} (?:be )?(?:continu~|extend~) (?:with )?(?:the |our |your )?(?:contract|subscription|agreement|licen[cs]e|service|partnership)`,
    negative: true,
  },
  {
    intent: 'nonRenewal',
    weight: 0.75,
    pattern:
      "renewal (?:is|isn't|won't|will not) (?:not )?(?:be )?(?:happening|an option|on the table|planned|going ahead|possible)",
    negative: true,
  },

  // competitor
  {
    intent: 'competitor',
    weight: 0.85,
    pattern: `(?:switch~|mov~|migrat~|transition~|chang~|go~|went|port~) (?:over )?to (?:a |an )?${ALT}`,
  },
  {
    intent: 'competitor',
    weight: 0.8,
    // "decided to switch supplier", "switch our provider", "switching to another vendor"
    pattern:
      'switch~ (?:(?:our|the|to another|to a new|to a different|another|a new|a different) )?(?:providers?|vendors?|suppliers?|platforms?|tools)',
  },
  {
    intent: 'competitor',
    weight: 0.45,
    pattern: 'switch~ (?:over )?to',
    vetoAfter:
      'plans?|tiers?|packages?|billing|invoic~|dashboard|versions?|interface|ui|view|mode|features?|accounts?|users?|annual|monthly|yearly|cards?|bank|email|address|templates?|modules?|layout|settings?|starter|basic|pro|premium|enterprise|business|team|free|lite|standard|plus|teams|zoom|meet|it|this|that|english|summer|winter|remote|paper',
  },
  {
    intent: 'competitor',
    weight: 0.7,
    pattern: `(?:look~ (?:at|into|for|around)|evaluat~|consider~|explor~|review(?:ing|ed)|compar~|assess~|test(?:ing|ed)|trial(?:l?ing|l?ed)|pilot(?:ing|ed)|research(?:ing|ed)|shop~ around for|talk~ to|speak~ (?:to|with)|in talks with|meet~ with|get~ quotes from|request~ (?:quotes|proposals) from|found|find~|chose|choose|chosen|select~|sign~ with|go~ with|went with|gone with|decided on) _ ${ALT}`,
  },
  {
    intent: 'competitor',
    weight: 0.6,
    pattern:
      '(?:cheaper|better|more affordable|less expensive|competitive) (?:alternative|offer|deal|option|solution|provider|vendor)s?',
    vetoBefore: 'our',
  },
  {
    intent: 'competitor',
    weight: 0.6,
    pattern:
      "(?:your|a|one of your) competitors?|competitor'?s? (?:offer|price|pricing|quote|proposal)|competing (?:offer|proposal|quote|bid)|counter-?offer|(?:match|beat) (?:their|the|this|that|a competitor'?s?|the other) (?:price|offer|quote|pricing)",
  },
  {
    intent: 'competitor',
    weight: 0.5,
    pattern:
      '(?:build~|develop~) (?:our|an|it) (?:own|in-?house)|in-?house (?:solution|tool|system)|bring~ (?:it|this) in-?house',
  },

  // price
  {
    intent: 'price',
    weight: 0.8,
    pattern:
      '(?:too|overly|far too|way too|much too|prohibitively|very|really|extremely|so) (?:expensive|costly|pricey|pricy|high-priced)',
  },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      '(?:is|are|has become|have become|became|becoming|getting|got|seems?|feels?) (?:quite |rather |a bit |a little )?(?:expensive|costly|pricey|unaffordable)',
  },
  {
    intent: 'price',
    weight: 0.75,
    pattern:
      "overpriced|over-priced|unaffordable|not affordable|(?:cannot|can't|cant|can no longer|no longer|unable to|could not|couldn't|hard to|difficult to) (?:afford|justify)|not worth (?:the (?:money|price|cost)|it)|(?:poor|bad|little) value(?: for money)?|more than we can (?:afford|pay|justify)|(?:cost|price|pricing|fee|spend)s? (?:is|are) (?:not|no longer|hard to|difficult to) justif~",
    negative: true,
  },
  {
    intent: 'price',
    weight: 0.6,
    pattern:
      '(?:prices?|costs?|fees?|pricing|rates?|subscription|licen[cs]e) (?:increases?|hikes?|rises?|went up|have gone up|has gone up|going up|has increased|have increased|increased|is too high|are too high|is high|are high|has doubled|doubled)|price (?:increase|hike|rise)s?',
    news: true,
  },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      'budgets? (?:cut|cuts|has been cut|have been cut|was cut|is cut|reductions?|freeze|constraints?|is tight|is limited|pressure|squeeze|(?:has|have) been (?:cut|slashed|reduced|halved|frozen))|(?:cut|slashed|reduced|halved|frozen) (?:our |the |its )?budgets?|tight budget|limited budget|(?:out of|over|exceeds?|beyond) (?:our|the) budget|no budget (?:for|left)',
  },
  {
    intent: 'price',
    weight: 0.45,
    pattern:
      'cost-?cutting|cut (?:every |all |our |some )?costs?|reduce (?:our )?costs|cost reductions?|trim (?:our )?costs',
  },
  {
    intent: 'price',
    weight: 0.45,
    pattern:
      '(?:a|any|some|bigger|further|better) discount|cheaper (?:price|rate|pricing)|better (?:price|rate|pricing)|(?:reduce|lower) (?:the |your |our )?(?:price|fee|rate)s?|price reduction|reduced price',
    vetoAfter: 'codes?|coupons?|vouchers?|conferences?|events?|tickets?|webinars?|courses?|trainings?',
  },
  {
    intent: 'price',
    weight: 0.7,
    pattern:
      '(?:price|pricing|cost) (?:is|has been|was|remains|became) (?:a|an|the) (?:problem|concern|issue|obstacle|barrier|sticking point)',
  },

  // paymentDelay
  {
    intent: 'paymentDelay',
    weight: 0.8,
    pattern: `(?:postpone|postponing|defer|deferring|delay|delaying|push back|pushing back|push|reschedule|hold off on|hold|extend|move) (?:the |our |this |my |next |that )?(?:(?:this|next|the) (?:month|week|quarter)'?s? )?(?:[\\p{L}]+ )?${PAYMENT}`,
    vetoAfter: 'sent|received|reminder',
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      'payment (?:plan|holiday|holidays|deferral|extension|break|postponement|moratorium|arrangement)|deferred payment|delayed payment',
  },
  {
    intent: 'paymentDelay',
    weight: 0.85,
    pattern:
      '(?:pay|settle) (?:it |this |the invoice |the bill |the balance |the amount |them )?in (?:(?:monthly|quarterly|equal|several|two|three|four|six|twelve|\\d+) ){0,2}(?:instal(?:l)?ments|parts|tranches|stages)',
    firstParty: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.6,
    pattern:
      'instal(?:l)?ments?|split (?:the |this |our )?(?:payment|invoice|bill|amount)|spread (?:the |this |our )?(?:payments?|cost|invoice)',
    firstParty: true,
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      "(?:cannot|can't|cant|unable to|won't be able to|will not be able to|not able to|couldn't|could not|struggling to|struggle to) (?:pay|make (?:the |this |our |a |any )?payments?|settle|cover (?:the|this) (?:invoice|payment|bill))",
    negative: true,
    vetoAfter:
      'by (?:card|credit|cheque|check|bank|wire|paypal)|via|online|through|with (?:a )?(?:card|credit)|(?:the|your) portal|using|in (?:euros?|usd|dollars|eur|nok|try|rub|kzt)|the link',
  },
  {
    intent: 'paymentDelay',
    weight: 0.7,
    pattern:
      '(?:more|extra|additional) time to pay|(?:a few|some) (?:more )?(?:weeks|days|months) to pay|pay (?:it |this |the invoice |the bill )?(?:later|next month|at the end of (?:the|next) month|in a few weeks|a bit later)',
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      'extension (?:on|for|of|to) (?:the |our |this )?(?:payment|invoice|due date|payment terms|payment deadline)|extend (?:the |our )?(?:payment terms|due date|payment deadline|payment period)|longer payment terms|net ?(?:60|90|120) (?:terms|days)',
  },
  {
    intent: 'paymentDelay',
    weight: 0.45,
    pattern:
      'cash ?flow (?:is |has been )?(?:very )?(?:tight|problems?|issues?|difficult~|constraints?|crunch|pressure|squeeze)|tight cash ?flow|behind on (?:our )?payments',
  },

  // complaint
  { intent: 'complaint', weight: 0.75, pattern: 'unacceptable|not acceptable|inacceptable', negative: true },
  { intent: 'complaint', weight: 0.7, pattern: 'disappoint~' },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern:
      "frustrat~|fed up|sick and tired|had enough|at (?:our|my) wits' end|lost (?:all )?(?:our |my )?(?:trust|confidence|patience|faith)|losing (?:our |my )?(?:patience|trust|confidence)",
  },
  {
    intent: 'complaint',
    weight: 0.7,
    pattern: 'unhappy|dissatisfied|unsatisfied|displeased|not (?:happy|satisfied|pleased) (?:with|about)',
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern: '(?:formal |official )?complain~',
    firstParty: true,
    vetoBefore: '(?:customers?|clients?|guests?|patients?|users?|visitors?|staff|employees?|travell?ers?)',
    vetoAfter:
      'module|management|handling|process|form|feature|procedure|policy|dashboard|report~|data|department|category',
  },
  {
    intent: 'complaint',
    weight: 0.65,
    pattern:
      '(?:poor|terrible|awful|horrible|appalling|abysmal|dreadful|lousy|bad|worst|inadequate|unreliable) (?:\\p{L}+ )?(?:service|support|quality|performance|experience|response times?|responsiveness|communication|uptime|reliability)',
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern:
      "(?:nobody|no one|no-one|none of you) (?:(?:from|at|in) (?:your |the )?\\p{L}+ )?(?:has |have |had )?(?:replied|responded|answered|got back|gotten back|called back|followed up|helped|fixed|fixes|responds|answers|cares)|(?:no|zero) (?:reply|replies|response|responses|answer|feedback|follow-?up) (?:yet|from|for|in|after|so far)|still (?:no|not|haven't|have not|hasn't|has not) (?:a |any |had a |got a |received a |received any )?(?:reply|response|answer|fix|resolution|solution)|still waiting (?:for|on)",
    negative: true,
  },
  {
    intent: 'complaint',
    weight: 0.45,
    pattern:
      '(?:third|fourth|fifth|sixth|seventh|tenth|umpteenth|nth) (?:time|week|day|month|ticket|request|email|outage|incident)|yet again|once again|again and again|over and over|time and again|every single (?:day|week|time)|repeated(?:ly)? (?:problems|issues|outages|failures|incidents|bugs|errors|crashes|downtime)',
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern:
      '(?:still|keeps?|kept|constantly|continues to|continually|repeatedly) (?:not working|broken|down|failing|crashing|failed|fails|crashes|breaking|breaks|goes down|going down|losing data|happening)|(?:useless|pathetic|incompetent|a joke)',
  },
  {
    intent: 'complaint',
    weight: 0.3,
    pattern:
      "(?:is|are|has been|have been|was) (?:completely |totally )?(?:broken|unusable)|doesn't work|does not work|isn't working|is not working|not working (?:properly|at all|again)",
    negative: true,
    vetoBefore: 'link|url|code|password|button|zoom|teams|meet|calendar|invite|printer|phone|wifi|wi-fi',
  },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern:
      'escalat~ (?:this|the matter|the issue|it|to (?:your )?(?:management|manager|ceo|supervisor|legal))|speak to (?:your|a) (?:manager|supervisor)|legal action|breach of (?:contract|the sla|sla)|sla (?:breach|violation)|waste of (?:time|money)|rip-?off',
  },

  // downgrade
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: 'downgrad~',
    // Software and devices are downgraded too ("downgraded Chrome on the front-desk PCs").
    vetoAfter: SOFTWARE,
  },
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern:
      '(?:move|moving|switch~|chang~|go|going|drop~|step~|transfer~|put) (?:us |our account |our plan |our subscription )?(?:down )?to (?:a |the |our )?(?:cheaper|smaller|lower|lesser|cheapest|smallest|lower-tier|entry-level) (?:plan|tier|package|edition|version|subscription|licen[cs]e|option)',
  },
  {
    intent: 'downgrade',
    weight: 0.75,
    pattern:
      '(?:move|moving|switch~|chang~|go|going|drop~|step~|put) (?:us |our account |our plan |our subscription )?(?:down )?to (?:a |the |our )?(?:basic|starter|lite|light|free|essentials?|standard|entry)(?: (?:plan|tier|package|edition|version|subscription))?',
    vetoAfter:
      'office|room|venue|hotel|building|space|warehouse|car|flat|apartment|house|location|format|meeting|call',
  },
  {
    intent: 'downgrade',
    weight: 0.8,
    pattern: `(?:reduce|reducing|cut|cutting|lower|lowering|decrease|decreasing|drop|dropping|scale back|scaling back|trim|trimming) (?:the (?:number|count) of |our |the |down )?(?:our )?(?:${SEATS}|seat count|user count|subscriptions)`,
  },
  { intent: 'downgrade', weight: 0.7, pattern: `(?:fewer|less) ${SEATS}` },
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern: `(?:remove|removing|drop|dropping|cancel~|release|releasing) (?:\\d+|some|a few|several|(?:a )?couple of|half (?:of )?(?:our |the )?|unused|extra|spare) (?:of (?:our|the) )?${SEATS}`,
  },
  {
    intent: 'downgrade',
    weight: 0.65,
    pattern:
      '(?:smaller|cheaper|lower|basic|reduced) (?:plan|package|tier|subscription|edition)|(?:downsiz~|right-?siz~) (?:our )?(?:subscription|plan|licen[cs]es|contract|seats|account)|scal~ (?:back|down) (?:our )?(?:subscription|plan|licen[cs]es|contract|seats|usage)',
  },

  // expansion
  {
    intent: 'expansion',
    weight: 0.8,
    pattern: `upgrad~ _ (?:plan|tier|package|subscription|edition|enterprise|premium|pro|business|licen[cs]es?|account)`,
  },
  {
    intent: 'expansion',
    weight: 0.5,
    pattern: 'upgrad~',
    vetoAfter:
      'servers?|os|operating system|browser|windows|macos|ios|android|laptops?|computers?|hardware|phones?|firmware|database|version of|our (?:office|kitchen|fleet)',
  },
  {
    intent: 'expansion',
    weight: 0.85,
    pattern: `(?:add|adding|buy|buying|purchase|purchasing|order|ordering|need|needs|require|get|getting|want|request|requesting) (?:another |an additional |a further |a few |several )?(?:${NUMBER} )?(?:more |additional |extra |new )?${SEATS}`,
    vetoBefore: 'only|just',
    vetoAfter: 'to (?:log|sign|reset|be able)|removed|instead of',
  },
  { intent: 'expansion', weight: 0.75, pattern: `(?:more|additional|extra) ${SEATS}` },
  {
    intent: 'expansion',
    weight: 0.6,
    pattern: `(?:open~|launch~|roll~ out to|expand~ (?:to|into)|onboard~|add~|bring~ on|set~ up|start~) _ (?:new|another|second|third|more|additional|${NUMBER}) (?:more |new )?(?:teams?|departments?|offices?|locations?|sites?|clinics?|branch(?:es)?|stores?|shops?|countries|markets?|regions?|subsidiar(?:y|ies)|divisions?|hotels?|restaurants?|warehouses?)`,
  },
  {
    intent: 'expansion',
    weight: 0.7,
    pattern:
      'expand~ (?:our |the )?(?:use|usage|subscription|contract|account|deployment|rollout|licen[cs]es?|plan|partnership|footprint)|roll (?:it |this )?out to (?:the )?(?:whole|entire|rest of|other)',
  },
  {
    intent: 'expansion',
    weight: 0.4,
    pattern:
      '(?:orders|bookings|business|demand|usage|headcount|sales) (?:ha(?:ve|s) )?(?:tripled|doubled|grown|grew|increased|surged|boomed)',
  },
];

/** Phrases that generalise a kind rather than one wording: named products, price as a reason, indirect ways to say it. */
EN_RULES.push(
  // A named product after an ordinary verb: "go with HubSpot", "moving over to Salesforce".
  { intent: 'competitor', weight: 0.8, pattern: `${SWITCH_TO} @`, vetoAfter: NOT_A_PLAN },
  {
    intent: 'competitor',
    weight: 0.75,
    pattern:
      '(?:(?:go~|went|gone|sign~|signed up|partner~|sign~ (?:a contract|an agreement|a deal)) with|chose|chosen|choose|choosing|select~|picked|opted for|decided on|settled on|replac~ (?:you|nimbus|it|your \\p{L}+) with) @',
    vetoAfter: NOT_A_PLAN,
  },
  {
    intent: 'competitor',
    weight: 0.65,
    pattern: '(?:trial~|test~|pilot~|evaluat~) @ (?:alongside|in parallel|side by side|against)',
  },
  { intent: 'competitor', weight: 0.6, pattern: '(?:offer|quote|proposal)s? from @' },
  { intent: 'competitor', weight: 0.75, pattern: 'leav~ (?:you |nimbus )?for @', vetoAfter: NOT_A_PLAN },
  {
    intent: 'complaint',
    weight: 0.55,
    pattern: 'how (?:much )?long (?:do|must|will|should|are) we (?:have to |supposed to )?wait',
  },
  // Price as the reason for another intent: "at that price we'll let it lapse", "40% cheaper". A
  // negation after it belongs to the other verb ("at this price we can't keep it"), so none is read.
  {
    intent: 'price',
    weight: 0.65,
    negative: true,
    pattern:
      'at (?:th(?:at|is|ese|ose)|the new|your new|the current|such a|such) (?:price|pricing|prices|rate|rates|cost|fee)s?',
  },
  {
    intent: 'price',
    weight: 0.65,
    pattern:
      '\\d+ ?\\u0025 (?:cheaper|less)|(?:half|a third|a quarter|a fraction) (?:of )?(?:your|the) price|(?:pay|paying) (?:double|twice as much|the double)|(?:froze|frozen|freez~) (?:all |our )?(?:\\p{L}+ )?(?:spending|budgets?)|(?:the )?(?:cheapest|cheaper) (?:plan|package|tier|option)',
    negative: true,
  },
  // Indirect wording.
  {
    intent: 'cancellation',
    weight: 0.7,
    pattern:
      'last month (?:with you|as (?:a |your )?customers?)|(?:start|begin|initiate) (?:the )?(?:offboarding|off-boarding|account closure)|(?:stop|stopping|cease) using (?:nimbus|the platform|your platform|the system)|terminate everything',
  },
  {
    intent: 'paymentDelay',
    weight: 0.75,
    pattern:
      "(?:payment|invoice|transfer)s? (?:will|may|is going to) be (?:\\p{L}+ ){0,3}(?:late|delayed)|(?:be|are|we're|we are) late with (?:the |our |this )?(?:payment|invoice)|\\d+ (?:more |extra )?days to pay|(?:defer|postpone|delay|push back|move) (?:this|next|the|our) (?:month|quarter|year)'?s? (?:payment|invoice|bill)",
  },
  {
    intent: 'downgrade',
    weight: 0.7,
    pattern:
      '(?:only|just) need (?:\\d+|\\p{L}+) (?:seats|licen[cs]es|users)|(?:seats|licen[cs]es|users) instead of \\d+',
  },
  // "I don't want to complain, but …" announces a complaint.
  {
    intent: 'complaint',
    weight: 0.6,
    pattern:
      "(?:hate to|not to|don't want to|do not want to|don't like to|not trying to) (?:complain|nitpick|moan|be (?:that person|difficult|picky|a pain))(?: \\p{L}+){0,3},? but",
    negative: true,
  },
);

export const EN_CUES: CueSpec = {
  negators:
    "not(?! only| just| sure| yet| longer)|never|no(?! longer| choice| option| other| doubt| matter)|don't|dont|do not|doesn't|does not|won't|wont|wouldn't|isn't|aren't|haven't|hasn't|didn't|without|instead of|rather than|avoid~|nothing|no (?:intention|plans?|reason|need) (?:to|of)",
  negatedBy:
    "(?:is|are|was|were|would be|will be|has been) (?:not|never) (?:an option|on the table|on our agenda|something|planned|happening|our intention)|isn't (?:an option|on the table|planned|happening)|(?:is|are) out of the question|is off the table|not an option|not something we",
  hedges:
    'might|(?<!in |from |by |until |since |of )may(?! we| i )|maybe|perhaps|possibly|potentially|probably|likely|consider~|thinking (?:about|of)|not sure|unsure|undecided|could end up|depending on|contemplat~|weighing|reconsider~|would have to|tempted to',
  conditions:
    'if|unless|in case|in the event|should (?:the|your|prices?|costs?|this|that|it|things|we (?:need|want|decide|have))|otherwise|or else|provided(?: that)?',
  conditionsAfter:
    'if|unless|in case|provided that|should (?:the|your|prices?|this|that|it)|depending on|otherwise',
  polite:
    "if (?:possible|you (?:can|could|would|don't mind|have any questions|need anything)|that's (?:ok|okay|possible|fine)|it's (?:ok|okay|possible)|any questions|needed|necessary|required|so)|(?:as soon as|where|when) possible",
  contrast:
    'but|however|although|though|yet|and|so|because|since|as|when|while|after|before|once|then|still|nevertheless|except|whereas',
  hearsay:
    'heard|hearing|someone (?:said|told|mentioned)|(?:a colleague|people|they) (?:said|told us|mentioned)|rumou?r~|is (?:it|that|this) (?:true|right|correct)|read (?:something|that)',
  thirdParty:
    'guests?|customers?|clients?|reviewers?|visitors?|patients?|tourists?|travell?ers|members|(?:a|one) (?:guest|customer|client|reviewer)',
  notProducts: `${PLAN_NAMES}|${ENGLISH_CALENDAR}|nimbus|i|english`,
};
