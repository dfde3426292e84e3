/**
 * Generates the bundled sample data in sample/ for the workbench, the CLI and the tests:
 *
 * - customers.csv: 400 B2B customers of Nimbus Ops, a booking and operations SaaS, through a crisis
 *   that hits travel agencies, hotels, events, restaurants and airlines, lifts healthcare clinics,
 *   delivery, e-commerce, remote-work software and pharmacies, and leaves retail, manufacturing,
 *   education, finance and real estate stable. About one in six has churned over the past 18 months.
 * - inbox.json: 40 emails to the account team, in five languages, labelled with intent and language.
 * - templates.csv, segments.csv: retention templates with merge fields, and crisis-impact rules.
 * - README.md: the story, the counts and the planted mess, written from the same data.
 *
 * Churn is drawn from the signals the scorecard reads (inactivity, falling usage, late payments, low
 * NPS, tickets and complaints, a close renewal, early life, crisis impact), measured as of the churn
 * date, through a latent logistic risk plus noise the sheet does not show, so a learned model finds
 * real but imperfect signal.
 *
 * Deterministic: a seeded PRNG (no Math.random) and a fixed "today", 2026-11-20; re-running writes
 * identical files, and test/sample checks the committed files equal a fresh generation.
 * Run: npx tsx scripts/generate-sample-data.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toCsv } from '../src/local/table/csv';
import { DEFAULT_SEGMENTS } from '../src/core/segments/segments-tab';
import { TEMPLATE_VARIANTS } from './sample-template-variants';
import { SAMPLE_DAY } from '../src/local/workbench/workbench-clock';
import { DEFAULT_IMPACT_RULES } from '../src/core/segments/impact-rules';
import { STARTER_CUSTOMER_HEADERS } from '../src/core/settings/starter-spreadsheet';
import { EMAIL_TEXTS, replyHeader, type EmailText, type Intent, type Lang } from './sample-data/inbox-texts';

// The workbench starts its clock on this day when it runs on the sample (workbench-clock.ts).
export const TODAY = new Date(`${SAMPLE_DAY}T00:00:00Z`);
/** When the crisis began: hurt industries' churn mostly comes after it. */
export const CRISIS_START = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const SEED = 20261120;

// ---------------------------------------------------------------------------------------------
// A seeded PRNG
// ---------------------------------------------------------------------------------------------

/** mulberry32: tiny, fast, and good enough for sample data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    /** Standard normal (Box-Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

// ---------------------------------------------------------------------------------------------
// The world: industries, people, plans, the account team
// ---------------------------------------------------------------------------------------------

export type Group = 'hurt' | 'booming' | 'stable';
export type Impact = 'severe' | 'hit' | 'stable' | 'booming';

export interface Industry {
  name: string;
  group: Group;
  impact: Impact;
  words: string[];
}

export const INDUSTRIES: Industry[] = [
  { name: 'Travel agency', group: 'hurt', impact: 'severe', words: ['Travel', 'Tours', 'Journeys'] },
  { name: 'Hotel', group: 'hurt', impact: 'hit', words: ['Hotel', 'Inn', 'Suites'] },
  { name: 'Events', group: 'hurt', impact: 'severe', words: ['Events', 'Expo', 'Live'] },
  { name: 'Restaurant', group: 'hurt', impact: 'hit', words: ['Bistro', 'Kitchen', 'Dining'] },
  { name: 'Airline', group: 'hurt', impact: 'severe', words: ['Air', 'Wings', 'Airways'] },
  { name: 'Healthcare clinic', group: 'booming', impact: 'booming', words: ['Clinic', 'Health', 'Care'] },
  { name: 'Delivery', group: 'booming', impact: 'booming', words: ['Delivery', 'Couriers', 'Logistics'] },
  { name: 'E-commerce', group: 'booming', impact: 'booming', words: ['Shop', 'Store', 'Market'] },
  { name: 'Remote-work software', group: 'booming', impact: 'booming', words: ['Remote', 'Cloud', 'Teams'] },
  { name: 'Pharmacy', group: 'booming', impact: 'booming', words: ['Pharmacy', 'Apotek', 'Pharma'] },
  { name: 'Retail', group: 'stable', impact: 'stable', words: ['Retail', 'Goods', 'Outlet'] },
  { name: 'Manufacturing', group: 'stable', impact: 'stable', words: ['Works', 'Industries', 'Fabrication'] },
  { name: 'Education', group: 'stable', impact: 'stable', words: ['Academy', 'School', 'Learning'] },
  { name: 'Finance', group: 'stable', impact: 'stable', words: ['Capital', 'Finance', 'Partners'] },
  { name: 'Real estate', group: 'stable', impact: 'stable', words: ['Estates', 'Property', 'Realty'] },
];

interface People {
  first: string[];
  last: string[];
  places: string[];
  countries: string[];
  suffix: string[];
}

const PEOPLE: Record<Lang, People> = {
  en: {
    first: [
      'Emma',
      'Liam',
      'Olivia',
      'Noah',
      'Ava',
      'James',
      'Sophia',
      'Lucas',
      'Mia',
      'Ethan',
      'Grace',
      'Henry',
      'Chloe',
      'Oscar',
      'Ruby',
      'Jack',
    ],
    last: [
      'Smith',
      'Brown',
      'Taylor',
      'Wilson',
      'Clarke',
      'Hughes',
      'Walker',
      'Wright',
      'Green',
      'Hall',
      'Evans',
      'Turner',
    ],
    places: [
      'Harbor',
      'Summit',
      'Oak',
      'Riverside',
      'Bright',
      'Northway',
      'Bluebird',
      'Evergreen',
      'Kingsley',
      'Westfield',
      'Maple',
      'Redwood',
    ],
    countries: ['United Kingdom', 'United Kingdom', 'United States', 'Ireland', 'Canada'],
    suffix: ['', '', ' Ltd', ' Group'],
  },
  ru: {
    first: ['Иван', 'Ольга', 'Дмитрий', 'Анна', 'Сергей', 'Мария', 'Алексей', 'Елена'],
    last: ['Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Волкова', 'Морозов', 'Лебедева'],
    places: ['Volga', 'Neva', 'Ural', 'Baikal', 'Irtysh', 'Sever'],
    countries: ['Kazakhstan', 'Russia'],
    suffix: ['', ' LLC'],
  },
  kk: {
    first: ['Жанар', 'Айбек', 'Дана', 'Ерлан', 'Асель', 'Нурлан', 'Айгуль', 'Бауыржан'],
    last: ['Абенова', 'Сейткали', 'Жумабаева', 'Оспанов', 'Касымова', 'Ахметов', 'Нурланова', 'Серикбаев'],
    places: ['Almaty', 'Steppe', 'Altai', 'Astana', 'Shymkent', 'Kaspiy'],
    countries: ['Kazakhstan'],
    suffix: ['', ' LLP'],
  },
  tr: {
    first: ['Elif', 'Mehmet', 'Zeynep', 'Emre', 'Ayşe', 'Burak', 'Selin', 'Oğuz'],
    last: ['Öztürk', 'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Arslan'],
    places: ['Anatolia', 'Bosphorus', 'Ege', 'Kapadokya', 'Marmara', 'Toros'],
    countries: ['Türkiye'],
    suffix: ['', ' A.Ş.'],
  },
  no: {
    first: ['Kari', 'Ola', 'Ingrid', 'Lars', 'Sigrid', 'Håkon', 'Marte', 'Øyvind'],
    last: ['Nordmann', 'Ølstad', 'Hansen', 'Berg', 'Johansen', 'Dahl', 'Løken', 'Strand'],
    places: ['Fjord', 'Nordlys', 'Vest', 'Bergen', 'Tromsø', 'Lofoten'],
    countries: ['Norway'],
    suffix: ['', ' AS'],
  },
};

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ы: 'y',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  ь: '',
  ъ: '',
  ö: 'o',
  ü: 'u',
  ş: 's',
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  ø: 'o',
  å: 'a',
  æ: 'ae',
};
const slug = (s: string) =>
  [...s.toLowerCase()]
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const PLANS = [
  { name: 'Starter', mrr: [49, 199], logins: [5, 40] },
  { name: 'Growth', mrr: [300, 900], logins: [40, 150] },
  { name: 'Business', mrr: [1000, 3000], logins: [150, 500] },
  { name: 'Enterprise', mrr: [4000, 15000], logins: [500, 2000] },
] as const;

/** The account team: each customer has an owner; the shared inbox is am@nimbus.example. */
export const OWNERS = [
  { email: 'sofia.am@nimbus.example', first: 'Sofia', name: 'Sofia Lind' },
  { email: 'daniel.am@nimbus.example', first: 'Daniel', name: 'Daniel Reyes' },
  { email: 'aigerim.am@nimbus.example', first: 'Aigerim', name: 'Aigerim Bekova' },
  { email: 'mert.am@nimbus.example', first: 'Mert', name: 'Mert Aksoy' },
  { email: 'ingrid.am@nimbus.example', first: 'Ingrid', name: 'Ingrid Haugen' },
] as const;
export const TEAM_INBOX = 'am@nimbus.example';

/** Who looks after which languages (Aigerim the Russian and Kazakh speakers, and so on). */
const OWNER_BY_LANGUAGE: Record<Lang, number[]> = { en: [0, 1], ru: [2], kk: [2], tr: [3], no: [4] };

/** The starter spreadsheet's columns (what Settings creates for a new user), plus where and in which language. */
export const HEADERS = [...STARTER_CUSTOMER_HEADERS, 'Country', 'Language'] as const;
export type Header = (typeof HEADERS)[number];
type Cell = string | number;

// ---------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------

export interface SampleCustomer {
  email: string;
  name: string;
  first: string;
  company: string;
  domain: string;
  industry: Industry;
  language: Lang;
  owner: (typeof OWNERS)[number];
  plan: string;
  churned: boolean;
  /** The latent churn probability the outcome was drawn from (for tests of the story). */
  risk: number;
  cells: Record<Header, Cell>;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * How alarming each signal is, 0-1, the way a customer-success team (and ChurnGuard's scorecard)
 * reads it: quiet for two weeks is normal and dormant past two months; a 10% usage dip is noise; three
 * overdue invoices or two months late is the worst; NPS 0-6 are detractors; a complaint weighs like
 * three tickets; renewal within 90 days; the first three months; the crisis.
 */
function severities(s: {
  idleDays: number;
  usageChange: number;
  overdue: number;
  daysLate: number;
  nps: number;
  tickets: number;
  complaints: number;
  renewalDays: number;
  tenureDays: number;
  impact: Impact;
}) {
  const months = s.tenureDays / 30.44;
  return {
    inactivity: clamp01((s.idleDays - 14) / 46),
    usageDrop: s.usageChange < 0 ? clamp01((-s.usageChange - 0.1) / 0.6) : 0,
    payments: clamp01(Math.max(s.overdue / 3, s.daysLate / 60)),
    sentiment: s.nps <= 6 ? clamp01((7 - s.nps) / 7 + 0.3) : s.nps <= 8 ? 0.25 : 0,
    support: clamp01((s.tickets + 3 * s.complaints) / 6),
    renewal: s.renewalDays > 90 ? 0 : clamp01((90 - s.renewalDays) / 80),
    earlyLife: months <= 3 ? 1 : months < 6 ? (6 - months) / 3 : 0,
    crisis: s.impact === 'severe' ? 1 : s.impact === 'hit' ? 0.6 : 0,
  };
}

/** The weights of the latent churn risk: inactivity speaks loudest, as it does in real books. */
const RISK_WEIGHTS = {
  inactivity: 2.55,
  usageDrop: 1.5,
  payments: 1.65,
  sentiment: 1.35,
  support: 1.05,
  renewal: 1.35,
  earlyLife: 1.35,
  crisis: 1.2,
};
const RISK_INTERCEPT = -4.3;
/** What the sheet does not show (a new CFO, a merger, a champion who left). */
const RISK_NOISE = 0.5;

/**
 * People the sample must contain, by data row: non-ASCII names (for escaping, sorting and
 * transliteration), and the English-speaking contact whose name the planted markup replaces.
 */
const FIXED_PEOPLE: Record<
  number,
  { language: Lang; first: string; last: string; industry?: string; nonAscii?: true }
> = {
  2: { language: 'ru', first: 'Иван', last: 'Петров', industry: 'Hotel', nonAscii: true },
  6: { language: 'kk', first: 'Жанар', last: 'Абенова', industry: 'Travel agency', nonAscii: true },
  9: { language: 'no', first: 'Kari', last: 'Ølstad', industry: 'Pharmacy', nonAscii: true },
  10: { language: 'tr', first: 'Mehmet', last: 'Öztürk', industry: 'Restaurant', nonAscii: true },
  21: { language: 'en', first: 'Tess', last: 'Cole', industry: 'Retail' },
};

function pickLanguage(r: Rng): Lang {
  const x = r.next();
  return x < 0.6 ? 'en' : x < 0.7 ? 'ru' : x < 0.8 ? 'kk' : x < 0.9 ? 'tr' : 'no';
}

export function generateCustomers(count = 400, seed = SEED): SampleCustomer[] {
  const out: SampleCustomer[] = [];
  const usedEmails = new Set<string>();
  const usedCompanies = new Set<string>();
  for (let i = 0; i < count; i++) {
    // A stream of its own per customer, so tuning one customer's fate never reshuffles the others.
    const r = rng(Math.imul(seed ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b));
    const fixed = FIXED_PEOPLE[i + 1];
    const language: Lang = fixed?.language ?? pickLanguage(r);
    const people = PEOPLE[language];
    const industry = INDUSTRIES.find((x) => x.name === fixed?.industry) ?? r.pick(INDUSTRIES);
    const first = fixed?.first ?? r.pick(people.first);
    const last = fixed?.last ?? r.pick(people.last);
    const name = `${first} ${last}`;
    let company = '';
    for (let tries = 0; tries < 20 && (!company || usedCompanies.has(company)); tries++)
      company = `${r.pick(people.places)} ${r.pick(industry.words)}`;
    for (let n = 2; usedCompanies.has(company); n++) company = `${company.replace(/ \d+$/, '')} ${n}`;
    usedCompanies.add(company);
    const domain = `${slug(company)}.example`;
    company += r.pick(people.suffix);
    let email = `${slug(first)}.${slug(last)}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${slug(first)}.${slug(last)}${n}@${domain}`;
    usedEmails.add(email);
    const owner = OWNERS[r.pick(OWNER_BY_LANGUAGE[language])]!;

    const plan = PLANS[Math.min(3, Math.floor(Math.abs(r.normal()) * 1.3))]!;
    const mrr = r.int(plan.mrr[0], plan.mrr[1]);
    const tenureDays = r.chance(0.13) ? r.int(10, 150) : r.int(151, 2400);

    // Latent health: the crisis, plus each customer's own fortunes. Signals follow it, with noise.
    const shift = { severe: -1.0, hit: -0.6, stable: 0, booming: 0.5 }[industry.impact];
    const health = shift + 0.9 * r.normal();
    const idleDays = Math.min(240, Math.round(Math.exp(1.5 - 0.8 * health + 0.7 * r.normal())));
    const usageChange = Math.max(
      -0.95,
      Math.min(1.5, 0.04 + (industry.group === 'booming' ? 0.15 : 0) + 0.22 * health + 0.18 * r.normal()),
    );
    const overdue = Math.min(4, Math.max(0, Math.floor(0.5 - 0.9 * health + 0.5 * r.normal())));
    const daysLate = overdue > 0 ? r.int(5, 20 + 25 * overdue) : r.chance(0.05) ? r.int(1, 10) : 0;
    const nps = Math.max(0, Math.min(10, Math.round(7.6 + 1.5 * health + 1.3 * r.normal())));
    const tickets = Math.max(0, Math.round(0.7 - 0.7 * health + 0.9 * r.normal()));
    const complaints = health < -1 && r.chance(0.45) ? r.int(1, 2) : r.chance(0.03) ? 1 : 0;
    const renewalDays = r.int(0, 364);

    const sev = severities({
      idleDays,
      usageChange,
      overdue,
      daysLate,
      nps,
      tickets,
      complaints,
      renewalDays,
      tenureDays,
      impact: industry.impact,
    });
    const logit =
      RISK_INTERCEPT +
      (Object.keys(RISK_WEIGHTS) as (keyof typeof RISK_WEIGHTS)[]).reduce(
        (s, k) => s + RISK_WEIGHTS[k] * sev[k],
        0,
      ) +
      (plan.name === 'Enterprise' ? -0.5 : 0);
    const risk = sigmoid(logit);
    const churned = r.chance(sigmoid(logit + RISK_NOISE * r.normal()));

    // Everything is measured as of the day the customer left (today for active ones), so a model
    // learns what preceded churn, not what followed it.
    // The hurt industries' churn mostly came after the crisis began.
    const afterCrisis = industry.group === 'hurt' && r.chance(0.8);
    const daysBack = r.int(
      7,
      afterCrisis ? Math.round((TODAY.getTime() - CRISIS_START.getTime()) / DAY) : 540,
    );
    const asOf = churned ? new Date(TODAY.getTime() - daysBack * DAY) : TODAY;
    const start = new Date(asOf.getTime() - tenureDays * DAY);
    const lastActivity = new Date(asOf.getTime() - Math.min(idleDays, tenureDays - 1) * DAY);
    const loginsLast = r.int(plan.logins[0], plan.logins[1]);
    const loginsNow = Math.max(0, Math.round(loginsLast * (1 + usageChange)));
    const renewal = new Date(asOf.getTime() + renewalDays * DAY);

    const tags = [slug(industry.name)];
    if (plan.name === 'Enterprise') tags.push('vip');
    if (tenureDays < 90 && !churned) tags.push('onboarding');
    if (industry.group === 'booming' && usageChange > 0.3 && !churned) tags.push('expansion-candidate');
    if (overdue >= 2 && !churned) tags.push('payment-plan');

    out.push({
      email,
      name,
      first,
      company,
      domain,
      industry,
      language,
      owner,
      plan: plan.name,
      churned,
      risk,
      cells: {
        Email: email,
        Name: name,
        Company: company,
        Industry: industry.name,
        Plan: plan.name,
        MRR: mrr,
        'Start date': iso(start),
        'Last activity': iso(lastActivity),
        // A churned row keeps the figures it had when the customer left (the sheet is not wiped).
        'Logins this month': loginsNow,
        'Logins last month': loginsLast,
        'Overdue invoices': overdue,
        'Days late': daysLate,
        NPS: nps,
        'Open tickets': tickets,
        Complaints: complaints,
        'Renewal date': iso(renewal),
        Owner: owner.email,
        Tags: tags.join(', '),
        // Blank for most rows: segment rules derive the impact from the industry.
        'Crisis impact': '',
        Status: churned ? 'Churned' : 'Active',
        'Churn date': churned ? iso(asOf) : '',
        Unsubscribed: r.chance(0.03) ? 'Yes' : '',
        Country: r.pick(people.countries),
        Language: language,
      },
    });
  }
  // A few managers typed the impact by hand: mostly what the segment rules would say, two on
  // purpose not (a hotel housing quarantine guests is booming; a clinic that lost its elective
  // surgery is hit).
  for (const row of [15, 27, 44, 63, 88, 120]) {
    const c = out[row - 1]!;
    c.cells['Crisis impact'] = capitalise(c.industry.impact);
  }
  const unset = (industry: string) =>
    out.find(
      (c) => c.industry.name === industry && !c.churned && !c.cells['Crisis impact'] && c.language === 'en',
    );
  unset('Hotel')!.cells['Crisis impact'] = 'Booming';
  unset('Healthcare clinic')!.cells['Crisis impact'] = 'Hit';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Planted mess: what real sheets contain, for the reader's and the views' tests
// ---------------------------------------------------------------------------------------------

export interface PlantedRow {
  /** 1-based data row (the sheet row is one more, below the header). */
  dataRow: number;
  column?: Header;
  value: string;
  what: string;
}

/** Data-row numbers of the planted problems; sample/README.md lists them, tests target them. */
export const PLANTED = {
  moneyAsText: 4,
  naNumber: 8,
  formulaError: 12,
  emojiCompany: 13,
  markupName: 21,
  duplicateOf: 31,
  blankRow: 51,
} as const;

/** The planted names, set before the inbox is written so its emails carry them too. */
function plantNames(customers: SampleCustomer[]): void {
  const shop = customers[PLANTED.emojiCompany - 1]!;
  shop.company = `${shop.company} 🚀`;
  shop.cells.Company = shop.company;
  const evil = customers[PLANTED.markupName - 1]!;
  evil.name = '<script>alert("x")</script> Test Co';
  evil.cells.Name = evil.name;
}

function plantMess(customers: SampleCustomer[]): { rows: Cell[][]; planted: PlantedRow[] } {
  const rows: Cell[][] = customers.map((c) => HEADERS.map((h) => c.cells[h]));
  const col = (h: Header) => HEADERS.indexOf(h);
  const planted: PlantedRow[] = [];
  const set = (dataRow: number, column: Header, value: string, what: string) => {
    rows[dataRow - 1]![col(column)] = value;
    planted.push({ dataRow, column, value, what });
  };
  set(
    PLANTED.moneyAsText,
    'MRR',
    '$1,200.50',
    'money typed as text, with a currency sign and a thousands separator',
  );
  set(PLANTED.naNumber, 'NPS', 'n/a', 'text in a number column');
  set(PLANTED.formulaError, 'Last activity', '#N/A', 'a formula error (a lookup that found nothing)');
  set(
    PLANTED.emojiCompany,
    'Company',
    customers[PLANTED.emojiCompany - 1]!.company,
    'an emoji in the company name',
  );
  set(
    PLANTED.markupName,
    'Name',
    customers[PLANTED.markupName - 1]!.name,
    'a name that is markup: every view must show it as text',
  );
  // The same contact typed again by a colleague, the address capitalised as people type it.
  const original = customers[PLANTED.duplicateOf - 1]!;
  const duplicate = [...rows[PLANTED.duplicateOf - 1]!];
  const [local, domain] = original.email.split('@') as [string, string];
  const typed = `${local
    .split('.')
    .map((p) => capitalise(p))
    .join('.')}@${capitalise(domain)}`;
  duplicate[col('Email')] = typed;
  duplicate[col('Owner')] = OWNERS[(OWNERS.indexOf(original.owner) + 1) % OWNERS.length]!.email;
  rows.push(duplicate);
  planted.push({
    dataRow: 0, // set below, once the blank row is in
    column: 'Email',
    value: typed,
    what: `the same customer as data row ${PLANTED.duplicateOf} (${original.email}), the address in different case, another owner`,
  });
  // A blank row in the middle, as when someone deletes a row's contents instead of the row.
  rows.splice(
    PLANTED.blankRow - 1,
    0,
    HEADERS.map(() => ''),
  );
  planted.push({ dataRow: PLANTED.blankRow, value: '', what: 'a blank row' });
  // The duplicate's data row counts the blank row too.
  planted.find((p) => p.column === 'Email')!.dataRow = rows.length;
  for (const [n, p] of Object.entries(FIXED_PEOPLE)) {
    if (!p.nonAscii) continue;
    const at = Number(n);
    planted.push({
      dataRow: at < PLANTED.blankRow ? at : at + 1,
      column: 'Name',
      value: `${p.first} ${p.last}`,
      what: 'a non-ASCII name',
    });
  }
  return { rows, planted: planted.sort((a, b) => a.dataRow - b.dataRow) };
}

// ---------------------------------------------------------------------------------------------
// The inbox
// ---------------------------------------------------------------------------------------------

export interface InboxMessage {
  id: string;
  threadId: string;
  from: string;
  to: string;
  cc?: string;
  subject: string;
  date: string;
  plainBody: string;
  htmlBody: string;
  /** What the email expresses: a churn intent, 'expansion', or 'none'. */
  intent: Intent;
  language: Lang;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML part a mail client sends beside the plain text: paragraphs, and quotes in a blockquote. */
export function htmlOf(plain: string): string {
  const lines = plain.split('\n');
  const firstQuoted = lines.findIndex((l) => l.startsWith('>'));
  const own = firstQuoted < 0 ? lines : lines.slice(0, firstQuoted);
  // The reply header ("On … wrote:") just above the quote belongs to it, as Gmail marks it up.
  const attribution = firstQuoted > 0 && /:\s*$/.test(own[own.length - 1] ?? '') ? own.pop()! : '';
  const paragraphs = own
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  if (firstQuoted < 0) return paragraphs.join('\n');
  const quoted = lines
    .slice(firstQuoted)
    .map((l) => l.replace(/^> ?/, ''))
    .join('\n');
  return [
    ...paragraphs,
    `<div class="gmail_quote"><div class="gmail_attr">${escapeHtml(attribution)}</div>` +
      `<blockquote class="gmail_quote">${htmlOf(quoted)}</blockquote></div>`,
  ].join('\n');
}

/**
 * Makes a sender's row agree with the email: whoever asks for a payment delay has an overdue
 * invoice, whoever will not renew has a renewal coming up, whoever complains has open tickets. The
 * customer is active, so their churn outcome (drawn earlier) does not change.
 */
function tellTheSameStory(t: EmailText, c: SampleCustomer, r: Rng): void {
  const cells = c.cells;
  if (t.intent === 'paymentDelay' && Number(cells['Overdue invoices']) === 0) {
    cells['Overdue invoices'] = 1;
    cells['Days late'] = r.int(10, 40);
  }
  const renewal = new Date(`${cells['Renewal date']}T00:00:00Z`);
  if (t.intent === 'nonRenewal' && renewal.getTime() - TODAY.getTime() > 100 * DAY)
    cells['Renewal date'] = iso(new Date(TODAY.getTime() + r.int(11, 70) * DAY));
  if (t.intent === 'complaint') {
    cells['Open tickets'] = Math.max(Number(cells['Open tickets']), r.int(2, 4));
    cells.Complaints = Math.max(Number(cells.Complaints), 1);
  }
}

/** Hours ahead of UTC where each language's customers mostly work (winter time). */
const UTC_OFFSET: Record<Lang, number> = { en: 0, ru: 5, kk: 5, tr: 3, no: 1 };

function fill(t: string, c: SampleCustomer): string {
  return t
    .replace(/\{am\}/g, c.owner.first)
    .replace(/\{first\}/g, c.first)
    .replace(/\{full\}/g, c.name)
    .replace(/\{company\}/g, c.company)
    .replace(/\{domain\}/g, c.domain)
    .replace(/\{plan\}/g, c.plan)
    .replace(/\{renewal\}/g, () => {
      const d = new Date(`${c.cells['Renewal date']}T00:00:00Z`);
      return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`;
    });
}

export function generateInbox(customers: SampleCustomer[], seed = 7): InboxMessage[] {
  const r = rng(seed);
  const used = new Set<string>();
  const drafts: Omit<InboxMessage, 'id' | 'threadId' | 'date'>[] = [];
  const dated: Date[] = [];
  // 40 emails over the two working weeks before today, each in its sender's office hours.
  let sent = 0;
  const nextDate = (language: Lang) => {
    const day = new Date(TODAY.getTime() - (1 + Math.floor((sent++ * 13) / 40)) * DAY);
    const weekday = day.getUTCDay();
    const workday = new Date(day.getTime() - (weekday === 6 ? 1 : weekday === 0 ? 2 : 0) * DAY);
    const hour = r.int(8, 17) - UTC_OFFSET[language];
    return new Date(workday.getTime() + hour * 3600_000 + r.int(0, 59) * 60_000);
  };
  const add = (m: Omit<InboxMessage, 'id' | 'threadId' | 'date'>, date: Date) => {
    drafts.push(m);
    dated.push(date);
  };

  // Customers who would write it: active, same language, the industry the text speaks of.
  // Customers who would write it: active, same language, the industry the text speaks of; and among
  // them the ones whose row tells the same story (the riskiest write the churn emails, those with
  // overdue invoices ask for a delay, those renewing soon say they will not, growing ones expand).
  const daysToRenewal = (c: SampleCustomer) =>
    (new Date(`${c.cells['Renewal date']}T00:00:00Z`).getTime() - TODAY.getTime()) / DAY;
  const fit = (t: EmailText, c: SampleCustomer): number => {
    switch (t.intent) {
      case 'none':
        return 0;
      case 'expansion':
        return (String(c.cells.Tags).includes('expansion-candidate') ? 1 : 0) - c.risk;
      case 'paymentDelay':
        return (Number(c.cells['Overdue invoices']) > 0 ? 1 : 0) + c.risk;
      case 'nonRenewal':
      case 'downgrade':
        return (daysToRenewal(c) <= 100 ? 1 : 0) + c.risk;
      default:
        return c.risk;
    }
  };
  const candidatesFor = (t: EmailText) => {
    const open = customers.filter(
      (c) => !c.churned && !used.has(c.email) && c.language === t.language && !c.name.includes('<'),
    );
    const exact = open.filter((c) => t.industries.includes(c.industry.name));
    const pool = exact.length ? exact : open;
    if (t.intent === 'none') return pool;
    return [...pool].sort((a, b) => fit(t, b) - fit(t, a) || (a.email < b.email ? -1 : 1)).slice(0, 3);
  };

  // The texts in a shuffled order, each from a customer it fits, one email every few hours.
  const order = EMAIL_TEXTS.map((t, i) => ({ t, key: r.next(), i })).sort((a, b) => a.key - b.key);
  for (const { t } of order) {
    const c = r.pick(candidatesFor(t));
    used.add(c.email);
    tellTheSameStory(t, c, r);
    const date = nextDate(t.language);
    // Our earlier message: a few working days before, in office hours.
    const back = new Date(date.getTime() - r.int(2, 9) * DAY);
    const quoteDay = new Date(back.getTime() - ([2, 0, 0, 0, 0, 0, 1][back.getUTCDay()] ?? 0) * DAY);
    const quoteDate = new Date(
      Date.UTC(
        quoteDay.getUTCFullYear(),
        quoteDay.getUTCMonth(),
        quoteDay.getUTCDate(),
        r.int(7, 15),
        r.int(0, 59),
      ),
    );
    const quote = t.quote
      ? `${replyHeader(t.language, quoteDate, c.owner.name, c.owner.email)}\n${fill(t.quote, c)
          .split('\n')
          .map((l) => (l ? `> ${l}` : '>'))
          .join('\n')}`
      : '';
    const plainBody = fill(t.body, c).replace('{quote}', quote);
    const cc =
      t.cc === 'finance'
        ? `Finance <finance@${c.domain}>`
        : t.cc === 'owner'
          ? `${c.owner.name} <${c.owner.email}>`
          : undefined;
    add(
      {
        from: `${c.name} <${c.email}>`,
        to: TEAM_INBOX,
        ...(cc ? { cc } : {}),
        subject: fill(t.subject, c),
        plainBody,
        htmlBody: htmlOf(plainBody),
        intent: t.intent,
        language: t.language,
      },
      date,
    );
  }

  // The customer whose name is markup, with markup in the email too: views must show it as text.
  const evil = customers[PLANTED.markupName - 1]!;
  add(
    {
      from: `${evil.name} <${evil.email}>`,
      to: TEAM_INBOX,
      subject: 'Question about our <b>invoice</b>',
      plainBody: `Hi ${evil.owner.first},\n\nCould you resend the invoice for October? <img src=x onerror=alert(1)>\n\nThanks`,
      // Deliberately raw: a hostile HTML part, as a real one could be.
      htmlBody: `<p>Hi ${evil.owner.first},</p><p>Could you resend the invoice for October? <img src=x onerror=alert(1)></p><p>Thanks</p>`,
      intent: 'none',
      language: 'en',
    },
    nextDate('en'),
  );

  // Three strangers: a new contact at a customer's company, a prospect, a newsletter.
  const colleague = customers.find(
    (c) => !c.churned && !used.has(c.email) && c.language === 'en' && c.industry.group === 'stable',
  )!;
  const strangerBody = `Hi,\n\nI have taken over from ${colleague.first} as your contact at ${colleague.company}. Please send renewal paperwork and invoices to me from now on.\n\nBest regards,\nChris Newhire\nProcurement Lead, ${colleague.company}`;
  add(
    {
      from: `Chris Newhire <chris.newhire@${colleague.domain}>`,
      to: TEAM_INBOX,
      cc: `${colleague.name} <${colleague.email}>`,
      subject: 'New contact at our company',
      plainBody: strangerBody,
      htmlBody: htmlOf(strangerBody),
      intent: 'none',
      language: 'en',
    },
    nextDate('en'),
  );
  const prospect =
    'Hi,\n\nWe run six dental practices and are looking for a booking tool. Could we book a demo of Nimbus Ops next week?\n\nPat Prospect\nUnknown Startup';
  add(
    {
      from: 'Pat Prospect <pat@unknown-startup.example>',
      to: TEAM_INBOX,
      subject: 'Demo request',
      plainBody: prospect,
      htmlBody: htmlOf(prospect),
      intent: 'none',
      language: 'en',
    },
    nextDate('en'),
  );
  const news =
    'This week in travel: airlines trim winter schedules, and hotels turn to long-stay guests.\n\nYou are receiving this because you subscribed at newsletter.example.';
  add(
    {
      from: 'Industry Digest <news@newsletter.example>',
      to: TEAM_INBOX,
      subject: 'Weekly industry digest',
      plainBody: news,
      htmlBody: `<h1>Weekly industry digest</h1>\n${htmlOf(news)}`,
      intent: 'none',
      language: 'en',
    },
    nextDate('en'),
  );

  const messages = drafts.map((m, i) => ({ date: dated[i]!, m }));
  messages.sort((a, b) => b.date.getTime() - a.date.getTime());
  return messages.map(({ date, m }, i) => {
    const n = String(i + 1).padStart(3, '0');
    const { from, to, cc, subject, plainBody, htmlBody, intent, language } = m;
    return {
      id: `msg-${n}`,
      threadId: `thread-${n}`,
      from,
      to,
      ...(cc ? { cc } : {}),
      subject,
      date: date.toISOString(),
      plainBody,
      htmlBody,
      intent,
      language,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Templates and segments
// ---------------------------------------------------------------------------------------------

export const TEMPLATE_HEADERS = ['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language'];
export const TEMPLATES: string[][] = [
  [
    'Payment holiday',
    'A payment holiday for {{Company}}',
    'Hi {{First name|there}},\n\nWe know the last months have been hard for {{Industry|your industry}}. To give {{Company}} room to breathe, we can pause your {{MRR|currency}} monthly payment for up to three months, with no change to your plan.\n\nReply to this email and I will set it up today.\n\nBest regards,\nNimbus Ops Customer Success',
    'Severe',
    'Pause payments for up to 3 months',
  ],
  [
    'Installments',
    'Spreading your invoice into installments',
    'Hi {{First name|there}},\n\nIf paying the full amount at once is difficult right now, we can split your outstanding balance into three monthly installments, without interest.\n\nJust reply "yes" and I will send the new schedule.\n\nKind regards,\nNimbus Ops Customer Success',
    'Hit',
    '3 interest-free installments',
  ],
  [
    'Discount',
    '{{Company}}: 30% off for the next six months',
    'Hi {{First name|there}},\n\nThank you for staying with us through a difficult year. We would like to offer {{Company}} 30% off your {{Plan|current}} plan for the next six months, so you keep everything you use today.\n\nBest,\nNimbus Ops Customer Success',
    'Hit',
    '30% off for 6 months',
  ],
  [
    'Upsell',
    'Room to grow at {{Company}}',
    'Hi {{First name|there}},\n\nIt is great to see {{Company}} growing: your team logged in {{Logins this month|more}} times this month. If you are adding people or locations, moving up from the {{Plan|current}} plan gives you more seats and priority support, and the first month of the upgrade is on us.\n\nShall we find 15 minutes this week?\n\nNimbus Ops Customer Success',
    'Booming',
    'First month of the upgrade free',
  ],
  [
    'Reactivation',
    'We would love to have {{Company}} back',
    'Hi {{First name|there}},\n\nIt has been a while since {{Company}} left Nimbus Ops. A lot has changed: flexible monthly plans, a free pause option and a simpler price list.\n\nIf the timing is right again, we will waive the first two months.\n\nWarm regards,\nNimbus Ops Customer Success',
    'Churned',
    'First 2 months free',
  ],
  [
    'Check-in',
    'Quick check-in',
    'Hi {{First name|there}},\n\nI wanted to check in and see how things are going at {{Company}}. Is there anything we could do better, or anything you are planning where we can help?\n\nBest,\nNimbus Ops Customer Success',
    'Stable',
    '',
  ],
];

/** The impact rules a new spreadsheet ships (src/core/segments); the first rule that matches wins. */
export const IMPACT_RULE_HEADERS: string[] = [...DEFAULT_IMPACT_RULES[0]!];
export const IMPACT_RULES: string[][] = DEFAULT_IMPACT_RULES.slice(1).map((r) => [...r]);

/** The spreadsheet's Settings tab for the sample company. */
const TEAM_SETTINGS: string[][] = [
  ['Setting', 'Value', 'Meaning'],
  ['Currency', 'USD', 'ISO code used by money merge fields.'],
  ['Sender name', 'Nimbus Ops Customer Success', 'The From name of campaign emails.'],
  ['Our company', 'Nimbus Ops', 'For the {{Our company}} merge field.'],
  ['Cool-down days', '14', 'A customer emailed by one campaign is left out of others for this many days.'],
  ['Holdout %', '10', 'Share of each campaign audience not emailed, to measure the effect.'],
  [
    'Default language',
    'en',
    'Templates without a Language are in it; a customer whose language has no variant gets it.',
  ],
];

// ---------------------------------------------------------------------------------------------
// Putting it together
// ---------------------------------------------------------------------------------------------

export interface Sample {
  customers: SampleCustomer[];
  planted: PlantedRow[];
  inbox: InboxMessage[];
  files: Record<
    | 'customers.csv'
    | 'inbox.json'
    | 'templates.csv'
    | 'impact-rules.csv'
    | 'segments.csv'
    | 'settings.csv'
    | 'README.md',
    string
  >;
}

function readme(customers: SampleCustomer[], planted: PlantedRow[], inbox: InboxMessage[]): string {
  const churned = customers.filter((c) => c.churned).length;
  const count = <T>(xs: T[], key: (x: T) => string) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return m;
  };
  const langs = ['en', 'ru', 'kk', 'tr', 'no'];
  const intents = [
    'cancellation',
    'nonRenewal',
    'competitor',
    'price',
    'paymentDelay',
    'complaint',
    'downgrade',
    'expansion',
    'none',
  ].filter((i) => inbox.some((m) => m.intent === i));
  const table = intents.map((intent) => {
    const byLang = count(
      inbox.filter((m) => m.intent === intent),
      (m) => m.language,
    );
    return `| ${intent} | ${langs.map((l) => byLang.get(l) ?? '').join(' | ')} |`;
  });
  const known = new Set(customers.map((c) => c.email));
  const strangers = inbox.filter((m) => !known.has(/<([^>]+)>$/.exec(m.from)?.[1] ?? m.from)).length;
  return `# Sample data

Generated by \`npx tsx scripts/generate-sample-data.ts\` (deterministic: a seeded PRNG and a fixed
"today", ${iso(TODAY)}). \`test/sample\` checks these files equal a fresh generation, so edit the
generator, not the files; this README is generated too.

Nimbus Ops sells booking and operations software to businesses that a crisis, which began in
${iso(CRISIS_START).slice(0, 7)}, hits differently: travel agencies, hotels, events, restaurants and airlines
are hurt (falling logins, late payments, low NPS, more churn); healthcare clinics, delivery,
e-commerce, remote-work software and pharmacies are booming (rising usage, expansion candidates);
retail, manufacturing, education, finance and real estate are stable.

- \`customers.csv\`: ${customers.length} customers (${churned} churned, ${((100 * churned) / customers.length).toFixed(1)}%, with churn dates over the
  past 18 months). Churn was drawn from the signals the scorecard reads, as of the churn date,
  through a latent logistic risk plus noise the sheet does not show. A churned row keeps the
  figures it had when the customer left. "Crisis impact" is blank for most rows (segment rules
  derive it); a few carry a hand-typed value, two of them against their industry's rule.
  Owners: ${OWNERS.map((o) => o.email).join(', ')}.
- \`inbox.json\`: ${inbox.length} emails to ${TEAM_INBOX}, one per thread, newest first, each
  \`{ id, threadId, from, to, cc?, subject, date, plainBody, htmlBody, intent, language }\`;
  ${inbox.length - strangers} from customers and ${strangers} from strangers (a new contact at a customer's domain,
  a prospect, a newsletter). Some are replies quoting our earlier message under the reply header
  of the sender's mail client. The email from the customer whose name is markup has markup in
  its subject and body, and a hostile \`htmlBody\`.

| intent | ${langs.join(' | ')} |
| --- | ${langs.map(() => '---').join(' | ')} |
${table.join('\n')}

- \`templates.csv\`: retention templates (payment holiday, installments, discount, upsell,
  reactivation, check-in, save offer, competitor comparison) with merge fields such as
  \`{{First name|there}}\`, \`{{Company}}\`, \`{{MRR|currency}}\`; the offers and replies also in
  Russian, Kazakh and Turkish (one row per language, the Language column).
- \`impact-rules.csv\`: crisis-impact rules by industry keyword; the first match wins, and a
  hand-typed "Crisis impact" cell overrides them.
- \`segments.csv\`: saved segments (a query each, such as \`Impact in Severe, Hit AND Band in
  High, Critical\`) with the playbook each one uses.
- \`settings.csv\`: the team settings tab (currency, sender name, cool-down, holdout).

\`npm start\` and the CLI read this folder as one spreadsheet, a tab per CSV file (Customers,
Impact rules, Segments, Templates, Settings); point them at \`customers.csv\` for the customer tab
alone.

## Planted mess in customers.csv

Data rows are counted from 1 below the header; the sheet row is one more.

| data row | column | value | what |
| --- | --- | --- | --- |
${planted
  .map(
    (p) =>
      `| ${p.dataRow} | ${p.column ?? ''} | ${p.value ? `\`${p.value.replace(/\|/g, '\\|')}\`` : ''} | ${p.what} |`,
  )
  .join('\n')}
`;
}

export function generateSample(): Sample {
  const customers = generateCustomers();
  plantNames(customers);
  const inbox = generateInbox(customers);
  const { rows, planted } = plantMess(customers);
  return {
    customers,
    planted,
    inbox,
    files: {
      'customers.csv': toCsv([[...HEADERS], ...rows]),
      'inbox.json': JSON.stringify(inbox, null, 2) + '\n',
      'templates.csv': toCsv([TEMPLATE_HEADERS, ...TEMPLATES.map((r) => [...r, '']), ...TEMPLATE_VARIANTS]),
      'impact-rules.csv': toCsv([IMPACT_RULE_HEADERS, ...IMPACT_RULES]),
      'segments.csv': toCsv(DEFAULT_SEGMENTS.map((r) => [...r])),
      'settings.csv': toCsv(TEAM_SETTINGS),
      'README.md': readme(customers, planted, inbox),
    },
  };
}

export const SAMPLE_DIR = path.resolve(__dirname, '../sample');

if (require.main === module) {
  const { files } = generateSample();
  fs.mkdirSync(SAMPLE_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(SAMPLE_DIR, name), text);
  console.log(`wrote ${Object.keys(files).join(', ')} to ${SAMPLE_DIR}`);
}
