/** The campaign wizard and the CLI preview name a broken template's field and character. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/local/cli/main';
import { act, standInContext } from '../helpers/stand-in-context';

const TEMPLATES = [
  ['Name', 'Subject', 'Body'],
  ['Hello', 'Hi', 'Dear {{First name,\nthanks.'],
];
const REASON =
  'Template "Hello" (row 2): syntax error in the body at character 6: "{{" is not closed with "}}"';

describe('a template with an unclosed "{{"', () => {
  it('is reported by the campaign wizard with name, field and character', () => {
    const w = standInContext(
      [
        ['Email', 'Name', 'Status'],
        ['ann@x.example', 'Ann', 'Active'],
      ],
      {
        tabs: {
          Segments: [
            ['Segment', 'Query'],
            ['Everyone', 'Status = Active'],
          ],
          Templates: TEMPLATES,
        },
      },
    );
    // The dispatcher's caller turns a UserFacingError into the error card the user sees.
    expect(() =>
      act(
        w.ctx(),
        'previewCampaign',
        { segment: 'Everyone', index: '0' },
        { campaignName: 'Hi', campaignTemplate: 'Hello' },
      ),
    ).toThrow(REASON);
  });

  it('is reported by the CLI preview the same way', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-tpl-'));
    const csv = (rows: string[][]) => rows.map((r) => r.map((c) => JSON.stringify(c)).join(',')).join('\r\n');
    fs.writeFileSync(path.join(dir, 'customers.csv'), 'Email,Name,Status\r\nann@x.example,Ann,Active\r\n');
    fs.writeFileSync(path.join(dir, 'segments.csv'), 'Segment,Query\r\nEveryone,Status = Active\r\n');
    fs.writeFileSync(path.join(dir, 'templates.csv'), csv(TEMPLATES));
    const err: string[] = [];
    const code = runCli(['preview', '--sheet', dir, '--segment', 'Everyone', '--template', 'Hello'], {
      out: () => undefined,
      err: (s) => err.push(s),
      now: () => new Date('2026-11-20T12:00:00Z'),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(REASON);
  });
});
