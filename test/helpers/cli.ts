/** Runs the CLI in-process with a fixed clock and captured output, as the CLI tests need. */
import { runCli } from '../../src/local/cli/main';

export function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    now: () => new Date('2026-11-20T12:00:00Z'),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
