/**
 * The workbench answers the way Gmail would: a response of the type the click's wiring does not accept
 * is refused ("Invalid response"), and Draft reply makes its draft to the customer on the stand-in Gmail.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbench } from '../../src/local/workbench/backend';
import { copySampleSheet, SAMPLE_INBOX } from '../helpers/workbench-http';
import { MiswiredRequestError } from '../../src/local/workbench/http-error';

function workbench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-contract-'));
  return new Workbench({
    sheetPath: copySampleSheet(dir),
    inboxPath: SAMPLE_INBOX,
    stateDir: path.join(dir, 'state'),
    now: () => new Date('2026-11-20T09:00:00Z'),
  });
}

describe('workbench: Gmail response contracts', () => {
  it('refuses a click wired as no card wires it: a compose request for a plain action, and the reverse', () => {
    const wb = workbench();
    expect(() =>
      wb.action({ kind: 'compose', parameters: { action: 'openSegments' }, formInputs: {} }),
    ).toThrow(MiswiredRequestError);
    const draftAsPlain = { action: 'draftReply', email: 'a@b.example', template: 'x' };
    expect(() => wb.action({ kind: 'action', parameters: draftAsPlain, formInputs: {} })).toThrow(
      /cannot be called as a plain action/,
    );
  });

  it('makes Draft reply a draft to the customer, in their thread', () => {
    const wb = workbench();
    const opened = wb.message('msg-001');
    const html = opened?.kind === 'cards' ? opened.cards.map((c) => c.html).join('') : '';
    const template = /data-action="draftReply" data-params="([^"]*)"/
      .exec(html)?.[1]
      ?.replace(/&quot;/g, '"');
    expect(template).toBeDefined();
    const params = JSON.parse(template!) as Record<string, string>;
    const result = wb.action({
      kind: 'compose',
      messageId: 'msg-001',
      parameters: { ...params, action: 'draftReply' },
      formInputs: {},
    });
    expect(result?.kind).toBe('draft');
    const draft = wb.world.gmail.drafts.at(-1)!;
    expect(draft.to).toContain('chloe.turner@bluebird-live.example');
    expect(draft.threadId).toBe('thread-001');
  });
});
