/** The web app's request handler and the pieces it shows, on plain in-memory ports. */
import { createHmac } from 'node:crypto';
import { handleUnsubscribe, type WebAppDeps } from '../../../src/app/unsubscribe/web-app';
import { secretKey } from '../../../src/app/unsubscribe/secrets';
import { unsubscribeLinks } from '../../../src/app/unsubscribe/links';
import { withUnsubscribeFooter } from '../../../src/core/unsubscribe/footer';
import { unsubscribeLanguage } from '../../../src/core/unsubscribe/language';
import { PENDING_MAX_BYTES, addPending, pendingKey } from '../../../src/core/unsubscribe/pending';
import { SharedLockBusy } from '../../../src/ports/locks';
import { unsubscribePage } from '../../../src/ui/unsubscribe-page';

const SHEET = '1SheetIdOfTwentyCharsOrMore0000';

function deps(options: { lockBusy?: boolean } = {}) {
  const values = new Map<string, string>();
  let secrets = 0;
  const errors: unknown[] = [];
  const d: WebAppDeps = {
    unsubscribe: {
      scriptStore: {
        get: (k) => values.get(k) ?? null,
        set: (k, v) => void values.set(k, v),
        delete: (k) => void values.delete(k),
      },
      hmacSha256: (m, k) => [...createHmac('sha256', k).update(m).digest()],
      newSecret: () => `secret-${++secrets}-`.padEnd(40, 'x'),
      webAppUrl: () => 'https://script.google.com/macros/s/DEP/exec',
    },
    locks: {
      withUserLock: (_ms, work) => work(),
      withSharedLock: (ms, work) => {
        if (options.lockBusy) throw new SharedLockBusy(ms);
        return work();
      },
    },
    clock: { now: () => new Date('2026-11-20T10:00:00Z') },
    log: (e) => void errors.push(e),
  };
  const link = (email: string, lang: 'en' | 'kk' = 'en') =>
    unsubscribeLinks(d.unsubscribe, d.locks, SHEET)('cmp-20261120-0001', email, lang);
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  return { d, values, errors, link, tokenOf };
}

describe('the unsubscribe web app', () => {
  it('makes one secret per sheet, on the first link, and verifies links against it', () => {
    const t = deps();
    const first = t.link('a@x.example');
    t.link('b@x.example');
    expect(JSON.parse(t.values.get(secretKey(SHEET))!)).toEqual({ current: 'secret-1-'.padEnd(40, 'x') });
    expect(first).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/DEP\/exec\?token=/);
    expect(handleUnsubscribe(t.d, { token: t.tokenOf(first) }).html).toContain('data-outcome="done"');
    expect(JSON.parse(t.values.get(pendingKey(SHEET))!)).toEqual([
      { email: 'a@x.example', campaignId: 'cmp-20261120-0001', at: '2026-11-20T10:00:00.000Z' },
    ]);
  });

  it('says "try again later" and records nothing when the lock is busy or the list is full', () => {
    const busy = deps({ lockBusy: false });
    const token = busy.tokenOf(busy.link('a@x.example'));
    const blocked = {
      ...busy.d,
      locks: {
        ...busy.d.locks,
        withSharedLock: () => {
          throw new SharedLockBusy(10_000);
        },
      },
    };
    expect(handleUnsubscribe(blocked, { token }).html).toContain('data-outcome="unavailable"');
    expect(busy.values.has(pendingKey(SHEET))).toBe(false);

    // Fill the list to its cap with other addresses: the next new address is refused, nothing dropped.
    let list: { email: string; campaignId: string; at: string }[] = [];
    for (let i = 0; ; i++) {
      const added = addPending(list, { email: `filler${i}@x.example`, campaignId: 'cmp-x', at: 'x' });
      if (added.kind === 'full') break;
      list = added.list;
    }
    busy.values.set(pendingKey(SHEET), JSON.stringify(list));
    expect(JSON.stringify(list).length).toBeLessThanOrEqual(PENDING_MAX_BYTES);
    expect(handleUnsubscribe(busy.d, { token }).html).toContain('data-outcome="unavailable"');
    expect(JSON.parse(busy.values.get(pendingKey(SHEET))!)).toEqual(list);
    expect(busy.errors).toHaveLength(2);
  });

  it('answers a link without a token, or with one for a sheet that has no secret, as not valid', () => {
    const t = deps();
    expect(handleUnsubscribe(t.d, {}).html).toContain('data-outcome="invalid"');
    expect(handleUnsubscribe(t.d, undefined).html).toContain('data-outcome="invalid"');
    const token = t.tokenOf(t.link('a@x.example'));
    t.values.delete(secretKey(SHEET)); // rotated away without keeping it as "previous"
    expect(handleUnsubscribe(t.d, { token }).html).toContain('data-outcome="invalid"');
  });
});

describe('what the customer reads', () => {
  it('escapes the address on the page and the link in the footer', () => {
    const page = unsubscribePage({ kind: 'done', email: '"><script>alert(1)</script>@x.example' }, 'tr');
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;');
    expect(page.html).toContain('<html lang="tr">');
    const mail = withUnsubscribeFooter(
      {
        to: 'a@x.example',
        subject: 's',
        textBody: 'Hi\n\n',
        htmlBody: '<html><body><p>Hi</p></body></html>',
      },
      'https://e.example/exec?token=a"b<c',
      'ru',
    );
    expect(mail.htmlBody).toContain(
      '<a href="https://e.example/exec?token=a&quot;b&lt;c">Отписаться</a></p></body></html>',
    );
    expect(mail.textBody).toBe(
      'Hi\n\n--\nНе хотите получать эти письма? Отписаться: https://e.example/exec?token=a"b<c\n',
    );
  });

  it('reads the language in the words people type, English when unknown', () => {
    expect(unsubscribeLanguage('Kazakh')).toBe('kk');
    expect(unsubscribeLanguage('ru-RU')).toBe('ru');
    expect(unsubscribeLanguage('TÜRKÇE')).toBe('tr');
    expect(unsubscribeLanguage('Norsk')).toBe('no');
    expect(unsubscribeLanguage('монгол')).toBe('mn');
    expect(unsubscribeLanguage('')).toBe('en');
    expect(unsubscribeLanguage('Klingon')).toBe('en');
  });
});
