/**
 * The spreadsheet a new user creates from Settings: every tab ChurnGuard reads, ready to use. The
 * customer tab has the columns the risk score reads and three example rows on the reserved
 * example.com domain (tagged "example", so they are easy to find and delete, and never a real inbox).
 */
import { LOG_HEADERS } from '../campaigns/log';
import { DEFAULT_IMPACT_RULES } from '../segments/impact-rules';
import { DEFAULT_SEGMENTS } from '../segments/segments-tab';
import { DEFAULT_TEMPLATES } from '../templates/templates-tab';
import { defaultTeamSettingsRows } from './team-settings';

export const STARTER_CUSTOMER_HEADERS = [
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
] as const;

/** The tab the sidebar's notes are appended to, and shown from. */
export const NOTES_TAB = 'Notes';
export const STARTER_NOTES_HEADERS = ['Time', 'Customer email', 'Author', 'Note'];

const DAY = 86_400_000;
const day = (d: Date, offset: number) =>
  `'${new Date(d.getTime() + offset * DAY).toISOString().slice(0, 10)}`;

export function starterTabs(today: Date, owner: string): { name: string; values: unknown[][] }[] {
  const example = (
    email: string,
    name: string,
    company: string,
    industry: string,
    mrr: number,
    idle: number,
    logins: [number, number],
    late: number,
    nps: number,
  ) => [
    email,
    name,
    company,
    industry,
    'Pro',
    mrr,
    day(today, -700),
    day(today, -idle),
    logins[0],
    logins[1],
    late > 0 ? 1 : 0,
    late,
    nps,
    0,
    0,
    day(today, 120),
    owner,
    'example',
    '',
    'Active',
    '',
    '',
  ];
  return [
    {
      name: 'Customers',
      values: [
        [...STARTER_CUSTOMER_HEADERS],
        example('anna@hotel.example.com', 'Anna Berg', 'Fjord Hotel', 'Hotels', 450, 20, [4, 18], 25, 5),
        example('li@clinic.example.com', 'Li Wei', 'City Clinic', 'Healthcare', 300, 1, [60, 41], 0, 9),
        example('sam@shop.example.com', 'Sam Cole', 'Corner Shop', 'Retail', 120, 120, [0, 2], 0, 7),
      ],
    },
    { name: 'Impact rules', values: DEFAULT_IMPACT_RULES.map((r) => [...r]) },
    { name: 'Segments', values: DEFAULT_SEGMENTS.map((r) => [...r]) },
    { name: 'Templates', values: DEFAULT_TEMPLATES.map((r) => [...r]) },
    { name: 'Campaigns', values: [[...LOG_HEADERS]] },
    { name: NOTES_TAB, values: [STARTER_NOTES_HEADERS] },
    { name: 'Settings', values: defaultTeamSettingsRows() },
  ];
}
