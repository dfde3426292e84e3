import { unquotedRanges } from '../../../src/core/intent/history';

const fresh = (body: string) =>
  unquotedRanges(body)
    .map(([s, e]) => body.slice(s, e))
    .join('|');

describe('unquotedRanges: what the sender wrote today', () => {
  it.each([
    ['en', 'Thanks!\n\nOn Mon, 2 Nov 2026 at 10:00, Ana <ana@x.example> wrote:\nPlease cancel.'],
    [
      'en wrapped',
      'Thanks!\n\nOn Mon, 2 Nov 2026 at 10:00, Ana Diaz <\nana@x.example> wrote:\nPlease cancel.',
    ],
    ['ru', 'Thanks!\n\n2 нояб. 2026 г., в 10:00, Иван <ivan@x.example> написал(а):\nОтмените подписку.'],
    ['ru Gmail', 'Thanks!\n\nпн, 2 нояб. 2026 г. в 10:00, Иван Петров <ivan@x.example>:\nОтмените подписку.'],
    ['ru Thunderbird', 'Thanks!\n\n02.11.2026 10:00, Иван Петров пишет:\nОтмените подписку.'],
    ['tr', 'Thanks!\n\n2 Kas 2026 Pzt, 10:00 tarihinde Ayşe <a@x.example> şunu yazdı:\nİptal edin.'],
    ['no', 'Thanks!\n\nman. 2. nov. 2026 kl. 10:00 skrev Kari Nordmann <k@x.example>:\nSi opp.'],
    ['da', 'Thanks!\n\nDen 2. nov. 2026 kl. 10.00 skrev Mads <m@x.example>:\nOpsig.'],
    ['nn', 'Thanks!\n\nmån. 2. nov. 2026 kl. 10:00 skreiv Eirik <e@x.example>:\nSei opp.'],
    ['kk', 'Thanks!\n\n2026 ж. 2 қар., 10:00 Дана <d@x.example> жазды:\nБас тартамыз.'],
    ['Outlook separator', 'Thanks!\n\n-----Original Message-----\nFrom: Ana\nPlease cancel.'],
    ['Outlook ru', 'Thanks!\n\n-----Исходное сообщение-----\nОт: Иван\nОтмените.'],
    ['Outlook tr', 'Thanks!\n\n-----Orijinal Mesaj-----\nKimden: Ayşe\nİptal.'],
    ['Outlook no', 'Thanks!\n\n-----Opprinnelig melding-----\nFra: Kari\nSi opp.'],
    [
      'Outlook header block',
      'Thanks!\n\n________________________________\nFrom: Ana <ana@x.example>\nSent: Monday\nPlease cancel.',
    ],
    ['header block ru', 'Thanks!\n\nОт: Иван <ivan@x.example>\nОтправлено: 2 ноября\nОтмените.'],
    ['header block tr', 'Thanks!\n\nKimden: Ayşe <a@x.example>\nGönderildi: 2 Kasım\nİptal.'],
    ['header block no', 'Thanks!\n\nFra: Kari <k@x.example>\nSendt: 2. november\nSi opp.'],
    ['header block kk', 'Thanks!\n\nКімнен: Дана <d@x.example>\nЖіберілді: 2 қараша\nБас тартамыз.'],
    ['forward', 'Thanks!\n\n---------- Forwarded message ---------\nFrom: Ana\nPlease cancel.'],
    ['signature', 'Thanks!\n\n-- \nAna Diaz\nWe never cancel on our customers.'],
  ])('%s: everything after the header is history', (_label, body) => {
    expect(fresh(body)).toBe('Thanks!');
  });

  it('drops ">" lines but keeps inline answers between them', () => {
    expect(
      fresh('Answers inline.\n> Will you renew?\nNo, sorry.\n>> Old stuff\n  > indented quote\nBye'),
    ).toBe('Answers inline.|No, sorry.|Bye');
  });

  it('keeps a body with no history whole, and handles CRLF and empty input', () => {
    expect(fresh('Hi,\r\nplease cancel.\r\n')).toBe('Hi,\r\nplease cancel.');
    expect(unquotedRanges('')).toEqual([]);
    expect(unquotedRanges('> only a quote')).toEqual([]);
  });

  it('does not take an ordinary line ending in a colon for a header', () => {
    expect(fresh('Here is what we need:\n- fewer seats\nOn Monday we wrote the plan:\nthanks')).toBe(
      'Here is what we need:\n- fewer seats\nOn Monday we wrote the plan:\nthanks',
    );
  });
});
