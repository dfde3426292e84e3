import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, USAGE, commandHelp } from '../../src/local/cli/main';
import { cli } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const NAMES = Object.keys(COMMANDS);

/** The flags a command's parser accepts, from its "Unknown option" message. */
function parserFlags(name: string): string[] {
  const r = cli(name, '--no-such-option');
  expect(r.code).toBe(2);
  const listed = /Unknown option --no-such-option\. Options: (.*)/.exec(r.err)?.[1];
  expect(listed).toBeDefined();
  return listed!.split(', ').sort();
}

/** The example's sample paths, from the repository root (as the help says to run it). */
const fromRoot = (argv: string[]) =>
  argv.map((a) => (a === 'sample' || a.startsWith('sample/') ? path.join(ROOT, a) : a));

describe('churnguard <command> --help', () => {
  it.each(NAMES.flatMap((name) => [[name, '--help'] as const, [name, '-h'] as const]))(
    '%s %s prints its own usage, options and an example, and exits 0',
    (name, flag) => {
      const r = cli(name, flag);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toBe(commandHelp(name));
      expect(r.out).toMatch(new RegExp(`^Usage: churnguard ${name} `));
      for (const [option, meaning] of COMMANDS[name]!.options) {
        expect(meaning.length).toBeGreaterThan(5);
        expect(r.out).toContain(`  ${option} `);
      }
      expect(r.out).toContain(`npm run cli -- ${name} `);
    },
  );

  it('--help wins over other options, even ones that would be a usage error', () => {
    expect(cli('score', '--sheet', '/nope.csv', '--help').code).toBe(0);
    expect(cli('preview', '--frobnicate', '-h').code).toBe(0);
    expect(cli('help', 'evaluate').out).toBe(commandHelp('evaluate'));
  });

  it.each(NAMES)('%s: the help lists exactly the options its parser accepts', (name) => {
    const documented = COMMANDS[name]!.options.map(([option]) => option.split(' ')[0]!).sort();
    expect(documented).toEqual(parserFlags(name));
  });

  it('the top-level usage lists every command with the synopsis its help shows', () => {
    for (const name of NAMES) {
      const synopsis = commandHelp(name).split('\n')[0]!.replace(`Usage: churnguard ${name} `, '');
      expect(USAGE).toContain(`  ${name.padEnd(9)} ${synopsis}\n`);
    }
    expect(cli('--help').out).toBe(USAGE);
  });

  it('a usage error in a command shows that command’s help', () => {
    const r = cli('metrics', '--sheet', 'sample/customers.csv', '--from', 'yesterday');
    expect(r.code).toBe(2);
    expect(r.err).toContain(commandHelp('metrics'));
  });

  it.each(NAMES)(
    '%s: the example in its help runs on the bundled sample',
    (name) => {
      const { example } = COMMANDS[name]!;
      expect(example[0]).toBe(name);
      const r = cli(...fromRoot(example));
      if (name === 'crawl' && !fs.existsSync(path.join(ROOT, 'build/Code.js'))) {
        // The documented exit 1 when the bundle is not built (npm test builds it first).
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/run npm run build first/);
        return;
      }
      expect({ code: r.code, err: r.code === 0 ? '' : r.err }).toEqual({ code: 0, err: '' });
      expect(r.out.length).toBeGreaterThan(0);
    },
    60_000,
  );

  it('the README shows each example as the help does', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const name of NAMES) {
      const line = commandHelp(name)
        .split('\n')
        .find((l) => l.startsWith('  npm run cli -- '))!
        .trim();
      expect(readme).toContain(line);
    }
  });
});
