/**
 * The workbench's guards, through real HTTP requests: each would let a web page the user visits read
 * or change the user's customer sheet if it were removed (issue 15).
 */
import {
  createWorkbenchServer,
  INTERNAL_ERROR,
  type WorkbenchBackend,
} from '../../src/local/workbench/server';
import {
  pageHeaders,
  postAsPage,
  rawRequest,
  snapshotFiles,
  startTestWorkbench,
  type TestWorkbench,
} from '../helpers/workbench-http';

/** What the attacker wants: ChurnGuard's risk columns written into the user's sheet file. */
const REWRITE_SHEET = JSON.stringify({
  kind: 'action',
  parameters: { action: 'rescoreAll' },
  formInputs: {},
});

/** A response a client may see: never a stack trace or a source path. */
function expectNoStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+|node:internal|\/work\//);
}

describe('workbench request guards', () => {
  let wb: TestWorkbench;
  beforeAll(async () => {
    wb = await startTestWorkbench();
  });
  afterAll(() => wb.close());

  it('lets the page through: loopback Host, own Origin, token and JSON', async () => {
    const before = snapshotFiles(wb.dir);
    const ok = await rawRequest(wb.port, {
      method: 'POST',
      path: '/api/action',
      headers: pageHeaders(wb),
      body: REWRITE_SHEET,
    });
    expect(ok.status).toBe(200);
    // The same request the attacks below make does change the sheet when it is allowed.
    expect(snapshotFiles(wb.dir)).not.toEqual(before);
    // The workbench's first action loads the bundle and reads the sheet: about 1 s idle, more on a busy machine.
  }, 30_000);

  it.each([
    'evil.example',
    'evil.example:PORT',
    'localhost',
    'localhost:1',
    '127.0.0.2:PORT',
    'LOCALHOST.:PORT',
  ])('refuses Host %s (DNS rebinding), even with the token', async (hostTemplate) => {
    const host = hostTemplate.replace('PORT', String(wb.port));
    for (const path of ['/', '/api/inbox', '/outbox']) {
      const res = await rawRequest(wb.port, { path, headers: { ...pageHeaders(wb), host } });
      expect(res.status).toBe(403);
      expect(res.body).not.toContain('@');
    }
  });

  it('accepts Host 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const host of [`127.0.0.1:${wb.port}`, `localhost:${wb.port}`]) {
      const res = await rawRequest(wb.port, { path: '/api/inbox', headers: { ...pageHeaders(wb), host } });
      expect(res.status).toBe(200);
    }
  });

  describe('state-changing requests', () => {
    const attempts: [string, (h: Record<string, string>) => Record<string, string>][] = [
      ['without an Origin', ({ origin: _o, ...h }) => h],
      ['from another site', (h) => ({ ...h, origin: 'https://evil.example' })],
      ['from another local port', (h) => ({ ...h, origin: `http://127.0.0.1:${wb.port + 1}` })],
      ['with the null origin of a sandboxed frame', (h) => ({ ...h, origin: 'null' })],
      ['without the token', ({ 'x-churnguard-token': _t, ...h }) => h],
      [
        'with a wrong token',
        (h) => ({ ...h, 'x-churnguard-token': `${h['x-churnguard-token']!.slice(1)}x` }),
      ],
      ['as text/plain (a form or no-cors fetch)', (h) => ({ ...h, 'content-type': 'text/plain' })],
      ['as a form post', (h) => ({ ...h, 'content-type': 'application/x-www-form-urlencoded' })],
      ['without a Content-Type', ({ 'content-type': _c, ...h }) => h],
    ];
    it.each(attempts)('are refused %s, and change no file', async (_what, change) => {
      const before = snapshotFiles(wb.dir);
      for (const path of ['/api/action', '/api/triggers', '/api/homepage', '/api/compose', '/api/message']) {
        const res = await rawRequest(wb.port, {
          method: 'POST',
          path,
          headers: change(pageHeaders(wb)),
          body: REWRITE_SHEET,
        });
        expect([403, 415]).toContain(res.status);
        expectNoStack(res.body);
      }
      expect(snapshotFiles(wb.dir)).toEqual(before);
    });

    it('answers 415 to a JSON body sent as text/plain from the page itself', async () => {
      const res = await rawRequest(wb.port, {
        method: 'POST',
        path: '/api/action',
        headers: { ...pageHeaders(wb), 'content-type': 'text/plain;charset=UTF-8' },
        body: REWRITE_SHEET,
      });
      expect(res.status).toBe(415);
    });
  });

  it('serves the page with its token, and a new token on every start', async () => {
    const page = await rawRequest(wb.port, { path: '/', headers: { host: `localhost:${wb.port}` } });
    expect(page.body).toContain(`<meta name="churnguard-token" content="${wb.token}">`);
    const other = await startTestWorkbench();
    try {
      expect(other.token).not.toBe(wb.token);
      expect(other.token.length).toBeGreaterThanOrEqual(40);
      const crossed = await rawRequest(other.port, {
        method: 'POST',
        path: '/api/triggers',
        headers: { ...pageHeaders(other), 'x-churnguard-token': wb.token },
        body: '{}',
      });
      expect(crossed.status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('answers malformed paths and unknown ids with a 4xx and no stack trace', async () => {
    const host = { host: `localhost:${wb.port}` };
    const cases: [string, number][] = [
      ['/outbox/%E0%A4%A', 400],
      ['/outbox/%', 400],
      ['/%E0%A4%A', 400],
      ['//evil.example/x', 400],
      ['/outbox/nothing.eml', 404],
      ['/outbox/..%2F..%2Fuser-properties.json', 404],
      ['/no/such/page', 404],
    ];
    for (const [path, status] of cases) {
      const res = await rawRequest(wb.port, { path, headers: host });
      expect([path, res.status]).toEqual([path, status]);
      expectNoStack(res.body);
    }
    const unknown = await postAsPage(wb, '/api/message', { messageId: 'no-such-id' });
    expect(unknown.status).toBe(404);
    expectNoStack(unknown.body);
    // A reply drafted "to" a message the inbox does not have.
    const draftTo = await postAsPage(wb, '/api/action', {
      kind: 'action',
      messageId: 'no-such-id',
      parameters: { action: 'draftReply', email: 'chloe.turner@bluebird-live.example', template: 'Check-in' },
      formInputs: {},
    });
    expect(draftTo.status).toBe(404);
    expectNoStack(draftTo.body);
    const notJson = await rawRequest(wb.port, {
      method: 'POST',
      path: '/api/action',
      headers: pageHeaders(wb),
      body: '{"kind":',
    });
    expect(notJson.status).toBe(400);
  });
});

describe('workbench errors', () => {
  it('gives the client no message or stack of an unexpected error', async () => {
    const failing = {
      page: () => '',
      homepage: () => {
        throw new Error('ENOENT /home/user/secret/customers.csv');
      },
    } as unknown as WorkbenchBackend;
    const { server, token } = createWorkbenchServer(failing);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await postAsPage({ port, token }, '/api/homepage', {});
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toEqual({ error: INTERNAL_ERROR });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('renders the homepage on a sheet with only a header row', async () => {
    const wb = await startTestWorkbench({ file: 'customers.csv', text: 'Email,Name,MRR,Status\r\n' });
    try {
      const res = await postAsPage(wb, '/api/homepage', {});
      expect(res.status).toBe(200);
      expect(res.body).toContain('No active customers');
    } finally {
      await wb.close();
    }
  });
});
