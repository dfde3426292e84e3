/**
 * npm start -- --email-service: the workbench starts the SendGrid stand-in and routes the product's
 * fetches to it, so the email-service sender works end to end on this machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startWorkbench } from '../../src/local/workbench/main';
import { STANDIN_API_KEY } from '../../src/local/email-service/process';
import { copySampleSheet, SAMPLE_INBOX } from '../helpers/workbench-http';
import { parseWorkbenchArgs } from '../../src/local/workbench/args';

describe('workbench with --email-service', () => {
  it('parses the flag', () => {
    expect(parseWorkbenchArgs(['--email-service'], {}, '/repo').emailService).toBe(true);
    expect(parseWorkbenchArgs([], {}, '/repo').emailService).toBeUndefined();
  });

  it('routes api.sendgrid.com to the stand-in, which accepts the printed key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wb-es-'));
    const workbench = await startWorkbench({
      port: 0,
      sheetPath: copySampleSheet(dir),
      inboxPath: SAMPLE_INBOX,
      stateDir: path.join(dir, 'state'),
      emailService: true,
    });
    try {
      const exec = workbench.backend.world.startExecution();
      const send = (key: string) =>
        exec.globals.UrlFetchApp.fetch('https://api.sendgrid.com/v3/mail/send', {
          method: 'post',
          contentType: 'application/json',
          headers: { Authorization: `Bearer ${key}` },
          payload: JSON.stringify({
            personalizations: [{ to: [{ email: 'ann@client.example' }] }],
            from: { email: 'team@nimbus.example' },
            subject: 'Hi',
            content: [{ type: 'text/plain', value: 'Hi' }],
          }),
          muteHttpExceptions: true,
        });
      expect(send('SG.nope').getResponseCode()).toBe(401);
      expect(send(STANDIN_API_KEY).getResponseCode()).toBe(202);
      expect(workbench.emailService?.stats().accepted).toHaveLength(1);
      exec.end();
    } finally {
      await workbench.close();
    }
    // The stand-in's own process takes a few seconds to start on a busy machine.
  }, 60_000);
});
