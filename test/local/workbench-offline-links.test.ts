/**
 * Offline, the cards' links to the spreadsheet open the workbench's own view of the loaded tab or row,
 * and the logo is served by the workbench; nothing points at docs.google.com or gstatic.
 */
import { postAsPage, rawRequest, startTestWorkbench, type TestWorkbench } from '../helpers/workbench-http';

type Panel = { kind: string; cards?: { html: string }[]; steps?: { card?: { html: string } }[] };

function htmlOf(body: string): string {
  const panel = JSON.parse(body) as Panel;
  return [
    ...(panel.cards ?? []).map((c) => c.html),
    ...(panel.steps ?? []).map((s) => s.card?.html ?? ''),
  ].join('\n');
}

const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

describe('workbench offline links', () => {
  let wb: TestWorkbench;
  beforeAll(async () => {
    wb = await startTestWorkbench({
      folder: {
        'customers.csv':
          'Email,Name,Company,Status\r\nfirst@a.example,First,A,Active\r\nchloe.turner@bluebird-live.example,Chloe <b>Turner</b>,Bluebird,Active\r\n',
        'segments.csv':
          'Segment,Query,Playbook,Description\r\nEveryone <i>active</i>,Status = Active,,All of them\r\n',
      },
    });
  });
  afterAll(() => wb.close());

  const origin = () => `http://localhost:${wb.port}`;
  const get = (path: string) =>
    rawRequest(wb.port, { method: 'GET', path, headers: { host: `localhost:${wb.port}` } });

  it('serves the logo itself, and cards use it instead of gstatic', async () => {
    const html = htmlOf((await postAsPage(wb, '/api/homepage', {})).body);
    expect(html).not.toContain('gstatic.com');
    expect(html).not.toContain('docs.google.com');
    const src = /<img[^>]*src="([^"]+)"/.exec(html)?.[1];
    expect(src).toBe(`${origin()}/static/logo.svg`);
    const logo = await get('/static/logo.svg');
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/svg+xml');
    expect(logo.body).toContain('<svg');
  });

  it('"Edit segments" opens the local Segments tab, rendered as an escaped table', async () => {
    const res = await postAsPage(wb, '/api/action', {
      kind: 'action',
      parameters: { action: 'openSegments' },
      formInputs: {},
    });
    expect(res.status).toBe(200);
    const html = htmlOf(res.body);
    const link = /<a[^>]*href="([^"]+)"[^>]*>[^<]*Edit segments/.exec(html)?.[1];
    expect(link).toBe(`${origin()}/sheet/Segments`);
    const page = await get('/sheet/Segments');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<td>Everyone &lt;i&gt;active&lt;/i&gt;</td>');
    expect(page.body).not.toContain('<i>active</i>');
  });

  it('"Open row in sheet" opens the customer\'s row of the local tab', async () => {
    const res = await postAsPage(wb, '/api/message', { messageId: 'msg-001' });
    expect(res.status).toBe(200);
    const html = htmlOf(res.body);
    expect(html).not.toContain('docs.google.com');
    const link = /href="([^"]*\/sheet\/[^"]*)"/.exec(html)?.[1];
    expect(unescape(link!)).toBe(`${origin()}/sheet/Customers#row-3`);
    const page = await get('/sheet/Customers');
    expect(page.body).toMatch(
      /<tr id="row-3"><th>3<\/th><td>chloe\.turner@bluebird-live\.example<\/td><td>Chloe &lt;b&gt;Turner&lt;\/b&gt;<\/td>/,
    );
    expect((await get('/sheet/Nope')).status).toBe(404);
  });

  it('keeps the Host guard on the new pages', async () => {
    const evil = await rawRequest(wb.port, {
      method: 'GET',
      path: '/sheet/Customers',
      headers: { host: 'evil.example' },
    });
    expect(evil.status).not.toBe(200);
  });
});
