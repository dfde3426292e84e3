/**
 * A hostile page on another local port, in real Chromium, tries what issue 15 found it could do: a
 * no-cors text/plain POST (no preflight), a form POST, a JSON fetch (preflighted), and reading the
 * inbox. Every attempt reaches the workbench and is refused; the sheet, settings and outbox stay as
 * they were. The same page's requests, sent with the guards off, would rewrite the sheet (see
 * test/local/workbench-security.test.ts for each guard on its own).
 */
import * as http from 'node:http';
import type { Browser } from 'playwright-core';
import { snapshotFiles, startTestWorkbench, type TestWorkbench } from '../helpers/workbench-http';
import { describeInChromium, launchChromium } from './browser';

function hostilePage(target: string): string {
  const payload = JSON.stringify({ kind: 'action', parameters: { action: 'rescoreAll' }, formInputs: {} });
  return `<!doctype html><html><body>
<form id="f" method="POST" action="${target}/api/action" enctype="text/plain" target="sink">
  <input name='${payload.slice(0, -1)},"x":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  const results = {};
  window.attack = (async () => {
    const body = ${JSON.stringify(payload)};
    try { await fetch('${target}/api/action', { method: 'POST', mode: 'no-cors', body }); results.noCors = 'sent'; }
    catch (e) { results.noCors = String(e); }
    try { await fetch('${target}/api/triggers', { method: 'POST', mode: 'no-cors', body: '{}' }); results.triggers = 'sent'; }
    catch (e) { results.triggers = String(e); }
    try {
      const r = await fetch('${target}/api/action', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      results.json = r.status;
    } catch (e) { results.json = 'blocked'; }
    try { const r = await fetch('${target}/api/inbox'); results.inbox = await r.text(); }
    catch (e) { results.inbox = 'blocked'; }
    document.getElementById('f').submit();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return results;
  })();
</script></body></html>`;
}

describeInChromium('a page on another local port, in Chromium', () => {
  let browser: Browser;
  let wb: TestWorkbench;
  let attacker: http.Server;
  let attackerUrl = '';

  beforeAll(async () => {
    wb = await startTestWorkbench();
    attacker = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(hostilePage(`http://127.0.0.1:${wb.port}`));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as { port: number }).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await wb?.close();
  });

  it('cannot change the sheet, run the trigger or read the inbox', async () => {
    const before = snapshotFiles(wb.dir);
    const page = await browser.newPage();
    const refused: { url: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`http://127.0.0.1:${wb.port}/api/`))
        refused.push({ url: r.url(), status: r.status() });
    });
    await page.goto(attackerUrl);
    const results = (await page.evaluate('window.attack')) as Record<string, unknown>;
    await page.waitForTimeout(300);
    await page.close();

    // The requests got there (a browser does send them) and were turned away.
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const r of refused) expect([403, 415]).toContain(r.status);
    expect(results.json).toBe('blocked');
    expect(results.inbox).toBe('blocked');
    expect(snapshotFiles(wb.dir)).toEqual(before);
  }, 30_000);
});
