/**
 * The crawl: every entry point of the bundled sample, every button reached, through build/Code.js on
 * the stand-ins under Gmail's documented response contracts (src/ui/card/contract.ts).
 */
import { crawl } from '../../src/local/crawl';
import { readBundle } from '../helpers/bundle-vm';
import { sampleManifest, sampleStarts, sampleWorld } from './crawl-world';

const ALL_KINDS = [
  'homepage',
  'contextual',
  'composeTrigger',
  'universalAction',
  'cardAction',
  'composeAction',
  'composeUiAction',
];

describe('crawl of the bundled sample through build/Code.js', () => {
  const code = readBundle();
  const manifest = sampleManifest();
  const fresh = () => sampleWorld().world;

  it('every entry point and every reachable button answers its documented type, never a problem', () => {
    const report = crawl(fresh, manifest, code, sampleStarts(), { maxClicksPerStart: 40 });
    expect(report.failures).toEqual([]);
    // Each kind of invocation really happened, so the contract was checked for each.
    for (const kind of ALL_KINDS) expect(report.byInvocation[kind] ?? 0).toBeGreaterThan(0);
    expect(report.clicks).toBeGreaterThan(200);
    // Every message's "Draft reply" made a draft, each checked to reach the customer with "Re:".
    expect(report.drafts).toBeGreaterThanOrEqual(30);
  });

  it('with the sheet disconnected (deleted since), every card explains it and nothing breaks', () => {
    const disconnected = () => {
      const w = sampleWorld();
      w.world.spreadsheets.delete(w.spreadsheetId);
      return w.world;
    };
    const starts = sampleStarts({ messages: 3 }).map((s) => ({ ...s, expectsUserProblem: true }));
    const report = crawl(disconnected, manifest, code, starts, { maxClicksPerStart: 20 });
    expect(report.failures).toEqual([]);
    expect(report.clicks).toBeGreaterThan(10);
  });

  it('catches a handler that returns the wrong type: Settings answering with a bare array of cards', () => {
    // Break the bundle the way the old code was: the universal action returns its cards unwrapped.
    const broken = code.replace(
      /function onSettings\(e\) \{[^}]*\}/,
      'function onSettings(e) { return [CardService.newCardBuilder().addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText("x"))).build()]; }',
    );
    expect(broken).not.toBe(code);
    const starts = sampleStarts({ messages: 0 }).filter((s) => s.name === 'Settings');
    const report = crawl(fresh, manifest, broken, starts);
    expect(report.failures).toEqual([
      expect.objectContaining({
        start: 'Settings',
        problem: expect.stringMatching(
          /Invalid response from onSettings .*UniversalActionResponse.*got Card\[\]/,
        ),
      }),
    ]);
  });

  it('catches a section that keeps more widgets in sight than it has', () => {
    const broken = code.replace(
      /setNumUncollapsibleWidgets\(([^)]*)\)/g,
      'setNumUncollapsibleWidgets(($1) + 5)',
    );
    expect(broken).not.toBe(code);
    const starts = sampleStarts({ messages: 2 });
    const report = crawl(fresh, manifest, broken, starts, { maxClicksPerStart: 15 });
    expect(
      report.failures.some((f) => /numUncollapsibleWidgets is \d+ but the section has/.test(f.problem)),
    ).toBe(true);
  });
});
