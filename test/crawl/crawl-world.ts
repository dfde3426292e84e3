/**
 * The bundled sample as a user has it: the sample spreadsheet connected in Settings, the sample inbox,
 * plus the threads real inboxes also hold and the sample lacks: a reply the manager sent in a customer's
 * thread, and a thread the manager started that the customer never answered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { saveSettings, loadSettings } from '../../src/app/settings-store';
import type { CrawlStart } from '../../src/local/crawl';
import { AppsScriptWorld, type SeedMessage } from '../../src/local/standins';
import { readTableFile } from '../../src/local/table/table-file';
import { parseManifest, type Manifest } from '../../scripts/lib/manifest-schema';
import { loadInbox } from '../../src/local/workbench/backend';

export const ROOT = path.resolve(__dirname, '../..');
export const USER = 'am@nimbus.example';

export function sampleManifest(): Manifest {
  return parseManifest(JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));
}

export interface CrawlWorld {
  world: AppsScriptWorld;
  spreadsheetId: string;
  inbox: SeedMessage[];
}

export function sampleWorld(): CrawlWorld {
  const world = new AppsScriptWorld({ latency: 'none', user: USER });
  world.clock.set(new Date('2026-12-02T09:00:00Z'));
  const table = readTableFile(path.join(ROOT, 'sample'));
  const sheet = world.spreadsheets.create({ name: 'ChurnGuard sample', sheets: table.sheets });
  const inbox = [
    ...loadInbox(path.join(ROOT, 'sample/inbox.json')),
    {
      id: 'msg-sent-reply',
      threadId: 'thread-001',
      from: `Account Manager <${USER}>`,
      to: 'Chloe Turner <chloe.turner@bluebird-live.example>',
      subject: 'Re: Your renewal on 16 January',
      date: '2026-12-01T10:00:00Z',
      plainBody: 'Hi Chloe, following up on the renewal.',
    },
    {
      id: 'msg-sent-first',
      threadId: 'thread-sent-first',
      from: USER,
      to: 'Liam Turner <liam.turner@bluebird-journeys.example>',
      subject: 'Checking in',
      date: '2026-12-01T11:00:00Z',
      plainBody: 'Hi Liam, how are things?',
    },
  ];
  world.gmail.seed(inbox.map((m) => ({ ...m, accessToken: `token-for-${m.id}` })));
  const store = {
    get: (k: string) => world.userProperties.values.get(k) ?? null,
    set: (k: string, v: string) => world.userProperties.put(k, v),
    delete: (k: string) => void world.userProperties.values.delete(k),
  };
  saveSettings(store, {
    ...loadSettings(store).settings,
    spreadsheetId: sheet.id,
    customerSheet: 'Customers',
  });
  return { world, spreadsheetId: sheet.id, inbox };
}

/** The customer a message is about: its sender, or for a message the manager sent, its recipient. */
function counterpart(m: SeedMessage): string {
  const to = Array.isArray(m.to) ? m.to[0]! : m.to;
  return m.from.includes(USER) ? to : m.from;
}

export function sampleStarts(options: { messages?: number } = {}): CrawlStart[] {
  const inbox = sampleWorld().inbox;
  const messages = inbox.slice(0, options.messages ?? inbox.length);
  const sent = inbox.filter((m) => m.id.startsWith('msg-sent'));
  return [
    { name: 'homepage', open: (h) => h.homepage() },
    { name: 'Settings', open: (h) => h.universal('Settings') },
    { name: 'Help', open: (h) => h.universal('Help') },
    { name: 'compose to a customer', open: (h) => h.compose(['chloe.turner@bluebird-live.example']) },
    { name: 'compose to a stranger', open: (h) => h.compose(['who@nowhere.example']) },
    ...[...messages, ...sent.filter((m) => !messages.includes(m))].map((m): CrawlStart => ({
      name: `message ${m.id}`,
      open: (h) => h.openMessage(m.id, m.threadId),
      customer: counterpart(m),
    })),
  ];
}
