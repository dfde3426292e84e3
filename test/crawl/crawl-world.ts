/**
 * The bundled sample as a user has it: the sample spreadsheet connected in Settings, the sample inbox,
 * plus the threads real inboxes also hold and the sample lacks: a reply the manager sent in a customer's
 * thread, and a thread the manager started that the customer never answered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CrawlStart } from '../../src/local/crawl';
import { entryStarts, worldFromFiles, type FileWorld } from '../../src/local/crawl-world';
import { parseManifest, type Manifest } from '../../scripts/lib/manifest-schema';

export const ROOT = path.resolve(__dirname, '../..');
export const USER = 'am@nimbus.example';

export function sampleManifest(): Manifest {
  return parseManifest(JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));
}

const SENT_BY_THE_MANAGER = [
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

export function sampleWorld(): FileWorld {
  return worldFromFiles({
    sheetPath: path.join(ROOT, 'sample'),
    inboxPath: path.join(ROOT, 'sample/inbox.json'),
    user: USER,
    now: new Date('2026-12-02T09:00:00Z'),
    extraMessages: SENT_BY_THE_MANAGER,
  });
}

export function sampleStarts(options: { messages?: number } = {}): CrawlStart[] {
  const inbox = sampleWorld().inbox;
  const sample = inbox.filter((m) => !m.id.startsWith('msg-sent'));
  const messages = [...sample.slice(0, options.messages ?? sample.length), ...SENT_BY_THE_MANAGER];
  return entryStarts(messages, USER, ['chloe.turner@bluebird-live.example', 'who@nowhere.example']);
}
