/**
 * The outbox shows a sent email as the customer would see it, decoded from the .eml the workbench
 * wrote: headers, the text, the HTML in a sandboxed frame; never the base64 of the MIME parts.
 */
import { parseEml, toEml } from '../../src/local/eml';
import { postAsPage, rawRequest, startTestWorkbench, type TestWorkbench } from '../helpers/workbench-http';

const SUBJECT = 'Ödeme tatili for Şirket — Платёжные каникулы';
const TEXT = 'Merhaba Ayşe, ğüşıöç İĞÜŞÖÇ.\nЗдравствуйте, Нурлан! Ваш платёж перенесён.';
const HTML = '<p>Здравствуйте, <b>Нурлан</b> &amp; Ayşe</p><script>alert(1)</script>';

describe('workbench outbox page', () => {
  let wb: TestWorkbench;
  beforeAll(async () => {
    wb = await startTestWorkbench();
  });
  afterAll(() => wb.close());

  const get = (path: string) =>
    rawRequest(wb.port, { method: 'GET', path, headers: { host: `localhost:${wb.port}` } });

  it('shows a sent email decoded: subject, headers and body text in Cyrillic and Turkish, no base64', async () => {
    wb.backend.world.mail.outbox.push({
      from: 'am@nimbus.example',
      name: 'Aigerim Şahin',
      to: ['nurlan.kasymova@almaty-remote.example'],
      cc: [],
      bcc: [],
      subject: SUBJECT,
      body: TEXT,
      htmlBody: HTML,
      sentAt: new Date('2026-11-20T09:00:00Z'),
      executionId: 0,
    });
    // Any execution writes the outbox; the homepage is the simplest.
    expect((await postAsPage(wb, '/api/homepage', {})).status).toBe(200);
    const list = await get('/outbox');
    const link = /href="(\/outbox\/[^"]+\.eml)"/.exec(list.body)?.[1];
    expect(link).toBeDefined();
    const page = await get(link!);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(`<h1>${SUBJECT}</h1>`);
    expect(page.body).toContain('Merhaba Ayşe, ğüşıöç İĞÜŞÖÇ.');
    expect(page.body).toContain('Здравствуйте, Нурлан! Ваш платёж перенесён.');
    expect(page.body).toContain('nurlan.kasymova@almaty-remote.example');
    expect(page.body).toContain('Aigerim Şahin');
    // The HTML part is data in a sandboxed frame: escaped into srcdoc, its script never part of the page.
    expect(page.body).toMatch(/<iframe sandbox="" [^>]*srcdoc="[^"]*&lt;b&gt;Нурлан&lt;\/b&gt;/);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    // No base64 blob, no encoded word.
    expect(page.body).not.toMatch(/[A-Za-z0-9+/]{40,}/);
    expect(page.body).not.toContain('=?UTF-8?B?');
    // The raw MIME is still there for a mail client.
    const raw = await get(link!.replace('/outbox/', '/outbox/raw/'));
    expect(raw.body).toContain('Content-Transfer-Encoding: base64');
  });

  it('parses what toEml writes back to the same text, HTML and headers', () => {
    const eml = toEml({
      from: 'Aigerim Şahin <am@nimbus.example>',
      to: ['a@b.example'],
      subject: SUBJECT,
      textBody: TEXT,
      htmlBody: HTML,
      date: new Date('2026-11-20T09:00:00Z'),
      messageId: 'x1',
    });
    const mail = parseEml(eml);
    expect(mail.headers.subject).toBe(SUBJECT);
    expect(mail.text).toBe(TEXT);
    expect(mail.html).toBe(HTML);
    expect(mail.attachments).toEqual([]);
  });
});
