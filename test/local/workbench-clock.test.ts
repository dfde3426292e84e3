import { clockStartingOn, parseDay, SAMPLE_DAY } from '../../src/local/workbench/workbench-clock';
import { parseWorkbenchArgs, UsageError } from '../../src/local/workbench/args';
import { TODAY } from '../../scripts/generate-sample-data';

describe('the workbench clock', () => {
  it('starts on the given day at the real time of day, then runs in real time', () => {
    let real = Date.parse('2031-05-07T14:30:00Z');
    const clock = clockStartingOn('2026-11-20', () => real);
    expect(clock().toISOString()).toBe('2026-11-20T14:30:00.000Z');
    real += 90 * 60_000;
    expect(clock().toISOString()).toBe('2026-11-20T16:00:00.000Z');
  });

  it('reads only real calendar days', () => {
    expect(parseDay(' 2026-02-28 ')).toBe('2026-02-28');
    for (const bad of ['2026-02-30', '2026-13-01', '26-11-20', '2026-11-20T00:00', 'today'])
      expect(parseDay(bad)).toBeNull();
  });

  it("is the sample's own day on the bundled sample, the real date on an own sheet, --today on either", () => {
    expect(SAMPLE_DAY).toBe(TODAY.toISOString().slice(0, 10));
    expect(parseWorkbenchArgs([], {}, '/repo').today).toBe(SAMPLE_DAY);
    expect(parseWorkbenchArgs(['--sheet', 'mine.csv'], {}, '/repo').today).toBeUndefined();
    expect(parseWorkbenchArgs(['--sheet', 'mine.csv', '--today', '2027-01-04'], {}, '/repo').today).toBe(
      '2027-01-04',
    );
    expect(() => parseWorkbenchArgs(['--today', '2026-02-30'], {}, '/repo')).toThrow(UsageError);
    expect(() => parseWorkbenchArgs(['--today', '2026-02-30'], {}, '/repo')).toThrow(
      '--today must be a calendar day like 2026-11-20, got "2026-02-30".',
    );
  });
});
