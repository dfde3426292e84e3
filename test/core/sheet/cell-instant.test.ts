import { cellInstantMs } from '../../../src/core/sheet/cell-instant';

describe('cellInstantMs', () => {
  it('reads ISO text and a date Sheets made of it as the same instant', () => {
    const iso = '2026-12-03T06:00:00.000Z';
    expect(cellInstantMs(iso)).toBe(Date.parse(iso));
    expect(cellInstantMs(new Date(iso))).toBe(Date.parse(iso));
  });

  it('gives undefined for an empty cell or text that is no instant', () => {
    for (const cell of ['', null, undefined, 'started', 'soon']) expect(cellInstantMs(cell)).toBeUndefined();
  });
});
