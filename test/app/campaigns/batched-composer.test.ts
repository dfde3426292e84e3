/**
 * A segment campaign through the email service in batches, with the product's composer: each batch's
 * rows are read in a few spans instead of one read per recipient, and every hotel gets exactly one
 * message with its own merged subject, its own unsubscribe link in the List-Unsubscribe header, and
 * the reference naming campaign and recipient. The other rows are never emailed.
 */
import { sheetComposer } from '../../../src/app/campaigns/composer';
import { runHourly } from '../../../src/app/campaigns/run';
import { startSegmentCampaign } from '../../../src/app/campaigns/start';
import { DEFAULT_TEAM_SETTINGS } from '../../../src/core/settings/team-settings';
import { DEFAULT_TEMPLATES } from '../../../src/core/templates';
import { readToken } from '../../../src/core/unsubscribe/token';
import type { EmailServiceProcess } from '../../../src/local/email-service/process';
import { hotelSegmentWorld } from '../../helpers/hotel-segment-world';
import { emailService, useEmailService } from '../../helpers/email-service';

let service: EmailServiceProcess;
// Starting the stand-in's process takes a few seconds on a busy machine.
beforeAll(async () => {
  service = await emailService();
}, 60_000);
afterAll(() => service.stop());

const HEADER = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Unsubscribed', 'Language'];
const ID = 'cmp-20261120-0007';

function world(customers: number) {
  // Hotels (the segment) on every other row, so a batch's rows are near each other, not adjacent.
  const rows = Array.from({ length: customers }, (_, i) => [
    `c${i}@${i % 2 === 0 ? 'hotel' : 'bank'}${i}.example`,
    `Customer ${i}`,
    `${i % 2 === 0 ? 'Hotel' : 'Bank'} ${i}`,
    i % 2 === 0 ? 'Hotels' : 'Banking',
    500 + i,
    'Active',
    '',
    'en',
  ]);
  const w = hotelSegmentWorld(
    [HEADER, ...rows],
    [{ name: 'Templates', values: DEFAULT_TEMPLATES.map((r) => [...r]) }],
  );
  service.reset();
  useEmailService(w.world, service, { batchSize: 25 });
  return { ...w, hotels: rows.filter((r) => r[3] === 'Hotels').map((r) => r[0] as string) };
}

describe('batched sends with the sheet composer', () => {
  it('reads each batch in a few spans and sends every hotel exactly one message of its own', () => {
    const { world: w, ss, contextOf, hotels } = world(120);
    const card = w.startExecution({ kind: 'card' });
    startSegmentCampaign(
      contextOf(card),
      {
        id: ID,
        name: 'Relief',
        template: 'Payment holiday',
        segment: 'Hurt hotels',
        spreadsheetId: ss.id,
        winBack: false,
        team: { ...DEFAULT_TEAM_SETTINGS, holdoutPercent: 0, coolDownDays: 0 },
        sheetBlockers: [],
      },
      contextOf(card).customerSheet(ss.id, 'Customers'),
    );
    card.end();
    let reads = 0;
    for (let h = 0; h < 4; h++) {
      w.clock.advance(3_600_000);
      const e = w.startExecution({ kind: 'trigger' });
      const before = w.calls.get('Range.getValues');
      runHourly(contextOf(e), sheetComposer);
      reads += w.calls.get('Range.getValues') - before;
      e.end();
    }
    const accepted = service.stats().accepted;
    expect(accepted.map((m) => m.to).sort()).toEqual([...hotels].sort());
    // 60 hotels in batches of 25: a few requests, and far fewer sheet reads than one per recipient.
    expect(service.stats().requests).toBe(3);
    expect(reads).toBeLessThan(hotels.length / 2);
    for (const m of accepted) {
      expect(m.reference).toBe(`${ID}/${m.to}`);
      expect(m.subject).not.toMatch(/\{\{/);
      const token = /[?&]token=([A-Za-z0-9_.-]+)/.exec(m.listUnsubscribe ?? '')?.[1] ?? '';
      const read = readToken(token);
      expect(read.ok && read.claim.email).toBe(m.to);
    }
    expect(new Set(accepted.map((m) => m.bodySha1)).size).toBe(hotels.length);
  });
});
