/**
 * The web app through build/Code.js in a bare V8 context, as Apps Script runs it: doGet is a
 * top-level function, runs with the stand-ins of a web app execution (the deploying account), answers
 * an HtmlOutput, verifies the token with Utilities' HMAC and records the click in script properties.
 */
import { createHmac } from 'node:crypto';
import { pendingKey } from '../../src/core/unsubscribe/pending';
import { makeToken } from '../../src/core/unsubscribe/token';
import { AppsScriptWorld, createCardService } from '../../src/local/standins';
import { callGlobal, loadBundle } from '../helpers/bundle-vm';

const SHEET = '1SheetIdOfTwentyCharsOrMore0000';
const SECRET = 'f'.repeat(64);
const hmac = (m: string, k: string) => [...createHmac('sha256', k).update(m).digest()];

function doGet(world: AppsScriptWorld, token: string) {
  const e = world.startExecution({ kind: 'webapp', user: 'deployer@churnguard.example' });
  try {
    const output = callGlobal(loadBundle({ ...e.globals, CardService: createCardService() }), 'doGet', {
      parameter: { token },
      queryString: `token=${token}`,
    }) as { getContent(): string; getTitle(): string };
    return { html: output.getContent(), title: output.getTitle() };
  } finally {
    e.end();
  }
}

describe('build/Code.js doGet', () => {
  it('confirms a signed click in the customer’s language and records it once; refuses a forged one', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    world.scriptProperties.put(`cg.unsub.secret.${SHEET}`, JSON.stringify({ current: SECRET }));
    const claim = { sheetId: SHEET, campaignId: 'cmp-20261120-0001', email: 'Ayse@Otel.example', lang: 'tr' };

    const forged = doGet(world, makeToken(claim, 'g'.repeat(64), hmac));
    expect(forged.title).toBe('Bu bağlantı çalışmıyor');
    expect(world.scriptProperties.get(pendingKey(SHEET))).toBeNull();

    const token = makeToken(claim, SECRET, hmac);
    for (let i = 0; i < 2; i++) {
      const page = doGet(world, token);
      expect(page.title).toBe('Abonelikten çıktınız');
      expect(page.html).toContain('<b>ayse@otel.example</b>');
    }
    expect(JSON.parse(world.scriptProperties.get(pendingKey(SHEET))!)).toEqual([
      expect.objectContaining({ email: 'ayse@otel.example', campaignId: 'cmp-20261120-0001' }),
    ]);
  });
});
