/**
 * `churnguard crawl`: clicks every button of the add-on on a spreadsheet file and an inbox, through
 * build/Code.js under Gmail's documented response contracts, and lists what Gmail would reject or a
 * user would see fail. Exit 1 when anything did.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../../../scripts/lib/manifest-schema';
import { crawl } from '../crawl';
import { entryStarts, worldFromFiles } from '../crawl-world';
import { parseFlags } from './args';

const ROOT = path.resolve(__dirname, '../../..');

export function crawlCommand(argv: string[], io: { out: (s: string) => void; now: () => Date }): number {
  const { flags } = parseFlags(argv, {
    sheet: 'string',
    inbox: 'string',
    user: 'string',
    'max-clicks': 'number',
    json: 'boolean',
  });
  const bundle = path.join(ROOT, 'build/Code.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first.`);
  const code = fs.readFileSync(bundle, 'utf8');
  const manifest = parseManifest(
    JSON.parse(fs.readFileSync(path.join(ROOT, 'build/appsscript.json'), 'utf8')),
  );
  const sheetPath = flags.sheet ?? path.join(ROOT, 'sample');
  const inboxPath = flags.inbox ?? (flags.sheet ? undefined : path.join(ROOT, 'sample/inbox.json'));
  const user = flags.user ?? 'am@nimbus.example';
  const make = () => worldFromFiles({ sheetPath, ...(inboxPath ? { inboxPath } : {}), user, now: io.now() });
  const { inbox } = make();
  const report = crawl(() => make().world, manifest, code, entryStarts(inbox, user, []), {
    maxClicksPerStart: flags['max-clicks'] ?? 40,
  });
  if (flags.json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(
      `${report.starts} entry points, ${report.clicks} clicks, ${report.drafts} drafts: ${Object.entries(
        report.byInvocation,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    for (const f of report.failures) io.out(`FAIL ${f.start}: ${f.path}\n  ${f.problem}`);
    io.out(report.failures.length ? `${report.failures.length} failures` : 'no failures');
  }
  return report.failures.length ? 1 : 0;
}
