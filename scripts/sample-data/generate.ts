/**
 * Generates the bundled sample data (sample/customers.csv, sample/inbox.json) for the workbench,
 * the CLI and the tests: ~400 B2B customers of "Nimbus Ops", a booking and operations SaaS, through
 * a crisis that hits travel, hotels, events, restaurants and airlines and lifts healthcare, delivery,
 * e-commerce, remote-work software and pharmacies. Churn is drawn from the same signals the
 * scorecard reads (plus noise), so a learned model finds real but imperfect signal.
 *
 * Deterministic: a seeded generator and a fixed "today"; re-running writes identical files, and a
 * test checks the committed files equal a fresh generation. Run: npx tsx scripts/sample-data/generate.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toCsv } from '../../src/local/table/csv';
import { EMAIL_TEXTS, type EmailText } from './inbox-texts';

export const TODAY = new Date('2026-11-20T00:00:00Z');
const DAY = 86_400_000;

/** mulberry32: tiny, fast, and good enough for sample data. */
function rng(seed: number) {
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
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (p: number) => next() < p,
  };
}

type Group = 'hurt' | 'booming' | 'stable';
const INDUSTRIES: {
  name: string;
  group: Group;
  impact: 'severe' | 'hit' | 'stable' | 'booming';
  words: string[];
}[] = [
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
  {
    name: 'Manufacturing',
    group: 'stable',
    impact: 'stable',
    words: ['Works', 'Industries', 'Manufacturing'],
  },
  { name: 'Education', group: 'stable', impact: 'stable', words: ['Academy', 'School', 'Learning'] },
  { name: 'Finance', group: 'stable', impact: 'stable', words: ['Capital', 'Finance', 'Partners'] },
  { name: 'Real estate', group: 'stable', impact: 'stable', words: ['Estates', 'Property', 'Realty'] },
];

type Lang = 'en' | 'ru' | 'kk' | 'tr' | 'no';
const PEOPLE: Record<Lang, { first: string[]; last: string[]; places: string[]; country: string }> = {
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
    ],
    last: ['Smith', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Hughes', 'Walker', 'Wright', 'Green', 'Hall'],
    places: ['Harbor', 'Summit', 'Oak', 'Riverside', 'Bright', 'Northway', 'Bluebird', 'Evergreen'],
    country: 'United Kingdom',
  },
  ru: {
    first: ['Иван', 'Ольга', 'Дмитрий', 'Анна', 'Сергей', 'Мария'],
    last: ['Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Волкова'],
    places: ['Volga', 'Neva', 'Ural', 'Baikal'],
    country: 'Russia',
  },
  kk: {
    first: ['Жанар', 'Айбек', 'Дана', 'Ерлан', 'Асель', 'Нурлан'],
    last: ['Абенова', 'Сейткали', 'Жумабаева', 'Оспанов', 'Касымова', 'Ахметов'],
    places: ['Almaty', 'Steppe', 'Altai', 'Astana'],
    country: 'Kazakhstan',
  },
  tr: {
    first: ['Elif', 'Mehmet', 'Zeynep', 'Emre', 'Ayşe', 'Burak'],
    last: ['Öztürk', 'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik'],
    places: ['Anatolia', 'Bosphorus', 'Ege', 'Kapadokya'],
    country: 'Türkiye',
  },
  no: {
    first: ['Kari', 'Ola', 'Ingrid', 'Lars', 'Sigrid', 'Håkon'],
    last: ['Nordmann', 'Ølstad', 'Hansen', 'Berg', 'Johansen', 'Dahl'],
    places: ['Fjord', 'Nordlys', 'Vest', 'Bergen'],
    country: 'Norway',
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

export const OWNERS = [
  'sofia.am@nimbus.example',
  'daniel.am@nimbus.example',
  'aigerim.am@nimbus.example',
  'mert.am@nimbus.example',
];
export const HEADERS = [
  'Email',
  'Name',
  'Company',
  'Industry',
  'Plan',
  'MRR',
  'Start date',
  'Last activity',
  'Logins this month',
  'Logins last month',
  'Overdue invoices',
  'Days late',
  'NPS',
  'Open tickets',
  'Complaints',
  'Renewal date',
  'Owner',
  'Tags',
  'Crisis impact',
  'Status',
  'Churn date',
  'Unsubscribed',
  'Country',
  'Language',
];

export interface SampleCustomer {
  email: string;
  name: string;
  first: string;
  company: string;
  industry: (typeof INDUSTRIES)[number];
  language: Lang;
  churned: boolean;
  cells: (string | number)[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function generateCustomers(count = 400, seed = 20261120): SampleCustomer[] {
  const r = rng(seed);
  const out: SampleCustomer[] = [];
  const usedEmails = new Set<string>();
  for (let i = 0; i < count; i++) {
    const language: Lang = r.chance(0.6) ? 'en' : r.pick(['ru', 'kk', 'tr', 'no'] as const);
    const people = PEOPLE[language];
    const industry = r.pick(INDUSTRIES);
    const first = r.pick(people.first);
    const last = r.pick(people.last);
    const name = `${first} ${last}`;
    const company = `${r.pick(people.places)} ${r.pick(industry.words)}${r.chance(0.3) ? ' Group' : ''}`;
    let email = `${slug(first)}.${slug(last)}@${slug(company)}.example`;
    for (let n = 2; usedEmails.has(email); n++)
      email = `${slug(first)}.${slug(last)}${n}@${slug(company)}.example`;
    usedEmails.add(email);
    const plan = PLANS[Math.min(3, Math.floor(Math.abs(r.normal()) * 1.3))]!;
    const mrr = r.int(plan.mrr[0], plan.mrr[1]);
    const tenureDays = r.chance(0.12) ? r.int(7, 90) : r.int(91, 1800);
    const start = new Date(TODAY.getTime() - tenureDays * DAY);

    // Latent trouble: the crisis, plus each customer's own fortunes.
    const crisis = industry.group === 'hurt' ? 1.1 : industry.group === 'booming' ? -0.9 : 0;
    const trouble = crisis + 0.9 * r.normal();
    const idleDays = Math.max(0, Math.round(Math.exp(2.2 + 0.9 * trouble + 0.6 * r.normal())));
    const loginsLast = r.int(plan.logins[0], plan.logins[1]);
    const change = Math.max(-0.95, 0.1 - 0.3 * trouble + 0.15 * r.normal());
    const loginsNow = Math.max(0, Math.round(loginsLast * (1 + change)));
    const overdue = trouble > 0.6 ? Math.min(4, Math.round(Math.max(0, trouble + 0.7 * r.normal()))) : 0;
    const daysLate = overdue > 0 ? r.int(5, 25 + 30 * overdue) : 0;
    const nps = Math.max(0, Math.min(10, Math.round(8 - 2.2 * trouble + 1.2 * r.normal())));
    const tickets = Math.max(0, Math.round(0.8 + 0.9 * trouble + r.normal()));
    const complaints = trouble > 1 && r.chance(0.5) ? r.int(1, 2) : 0;
    const monthsToRenewal = r.int(0, 11);
    const renewal = new Date(TODAY.getTime() + (monthsToRenewal * 30 + r.int(1, 28)) * DAY);

    // Churn comes from the same signals the scorecard reads, plus what the data does not show.
    const risk =
      -2.8 +
      0.9 * trouble +
      (tenureDays < 120 ? 0.7 : 0) +
      0.4 * overdue +
      (nps <= 6 ? 0.5 : 0) +
      (plan.name === 'Enterprise' ? -0.6 : 0) +
      0.8 * r.normal();
    const churned = r.chance(sigmoid(risk));
    const churnDate = churned
      ? new Date(TODAY.getTime() - r.int(10, Math.min(540, Math.max(11, tenureDays - 5))) * DAY)
      : null;
    const lastActivity = new Date(
      (churnDate ?? TODAY).getTime() - Math.min(idleDays, Math.max(0, tenureDays - 1)) * DAY,
    );
    const tags = [slug(industry.name)];
    if (plan.name === 'Enterprise') tags.push('vip');
    if (tenureDays < 90) tags.push('onboarding');
    out.push({
      email,
      name,
      first,
      company,
      industry,
      language,
      churned,
      cells: [
        email,
        name,
        company,
        industry.name,
        plan.name,
        mrr,
        iso(start),
        iso(lastActivity),
        // A churned row keeps the figures it had when the customer left (the sheet is not wiped).
        loginsNow,
        loginsLast,
        overdue,
        daysLate,
        nps,
        tickets,
        complaints,
        churned ? '' : iso(renewal),
        OWNERS[i % OWNERS.length] as string,
        tags.join(', '),
        // Most impact cells stay blank (segment rules derive impact); a few carry a manual value.
        r.chance(0.15) ? industry.impact[0]!.toUpperCase() + industry.impact.slice(1) : '',
        churned ? 'Churned' : 'Active',
        churnDate ? iso(churnDate) : '',
        r.chance(0.03) ? 'Yes' : '',
        people.country,
        language,
      ],
    });
  }
  return out;
}

/** Rows that make the sample honest about real sheets; sample/README.md lists them. */
function plantMess(customers: SampleCustomer[]): (string | number)[][] {
  const rows = customers.map((c) => [...c.cells]);
  const col = (h: string) => HEADERS.indexOf(h);
  rows[3]![col('MRR')] = '$1,200.50';
  rows[7]![col('NPS')] = 'n/a';
  rows[11]![col('Last activity')] = '#N/A';
  rows[12]![col('Company')] = 'Bright Delivery 🚚';
  // A customer whose name is markup: every view must show it as text.
  rows[20]![col('Name')] = '<script>alert("x")</script> Test Co';
  const duplicate = [...(rows[30] as (string | number)[])];
  duplicate[col('Email')] = String(duplicate[col('Email')]).toUpperCase();
  rows.splice(
    50,
    0,
    HEADERS.map(() => ''),
  );
  rows.push(duplicate);
  return rows;
}

export interface InboxMessage {
  id: string;
  threadId: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  plainBody: string;
  intent: string;
  language: string;
}

const AM = { email: 'am@nimbus.example', first: 'Sofia' };

export function generateInbox(customers: SampleCustomer[], seed = 7): InboxMessage[] {
  const r = rng(seed);
  const used = new Set<string>();
  const fill = (t: EmailText, c: { first: string; company: string }) =>
    t.body
      .replace(/\{name\}/g, c.first)
      .replace(/\{company\}/g, c.company)
      .replace(/\{am\}/g, AM.first);
  const messages: InboxMessage[] = [];
  let minutes = 0;
  const add = (from: string, subject: string, body: string, intent: string, language: string) => {
    minutes += r.int(20, 600);
    const n = messages.length + 1;
    messages.push({
      id: `msg-${String(n).padStart(3, '0')}`,
      threadId: `thread-${String(n).padStart(3, '0')}`,
      from,
      to: [AM.email],
      subject,
      date: new Date(TODAY.getTime() + 9 * 3600_000 - minutes * 60_000).toISOString(),
      plainBody: body,
      intent,
      language,
    });
  };
  for (const t of EMAIL_TEXTS) {
    const wantGroup = t.intent === 'expansion' ? 'booming' : 'hurt';
    const candidates = customers.filter(
      (c) =>
        !c.churned &&
        !used.has(c.email) &&
        c.industry.group === wantGroup &&
        (c.language === t.language || t.language === 'en'),
    );
    const c = candidates.length
      ? r.pick(candidates)
      : r.pick(customers.filter((x) => !x.churned && !used.has(x.email)));
    used.add(c.email);
    add(`${c.name} <${c.email}>`, t.subject, fill(t, c), t.intent, t.language);
  }
  const known = customers.filter((c) => !c.churned && !used.has(c.email));
  const scriptCustomer = customers[20]!;
  add(
    `<script>alert("x")</script> Test Co <${scriptCustomer.email}>`,
    'Question about our <b>invoice</b>',
    'Hi,\n\nCould you resend the invoice? <img src=x onerror=alert(1)>\n\nThanks',
    'none',
    'en',
  );
  const colleague = known[0]!;
  const domain = colleague.email.split('@')[1];
  add(
    `Chris Newhire <chris.newhire@${domain}>`,
    'New contact at our company',
    `Hi ${AM.first},\n\nI have taken over from ${colleague.first} as your contact at ${colleague.company}.\n\nBest,\nChris`,
    'none',
    'en',
  );
  add(
    'Pat Prospect <pat@unknown-startup.example>',
    'Demo request',
    'Hi,\n\nCould we book a demo of Nimbus Ops next week?\n\nPat',
    'none',
    'en',
  );
  add(
    'Newsletter <news@newsletter.example>',
    'Weekly industry digest',
    'This week in travel: …',
    'none',
    'en',
  );
  return messages.sort((a, b) => b.date.localeCompare(a.date));
}

export function generateSample(): { customersCsv: string; inboxJson: string; customers: SampleCustomer[] } {
  const customers = generateCustomers();
  const rows = plantMess(customers);
  customers[20]!.name = String(rows[20]![HEADERS.indexOf('Name')]);
  const customersCsv = toCsv([HEADERS, ...rows.map((r) => r.map(String))]);
  const inboxJson = JSON.stringify(generateInbox(customers), null, 2) + '\n';
  return { customersCsv, inboxJson, customers };
}

export const SAMPLE_DIR = path.resolve(__dirname, '../../sample');

if (require.main === module) {
  const { customersCsv, inboxJson } = generateSample();
  fs.mkdirSync(SAMPLE_DIR, { recursive: true });
  fs.writeFileSync(path.join(SAMPLE_DIR, 'customers.csv'), customersCsv);
  fs.writeFileSync(path.join(SAMPLE_DIR, 'inbox.json'), inboxJson);
  console.log(`wrote ${SAMPLE_DIR}/customers.csv and inbox.json`);
}
