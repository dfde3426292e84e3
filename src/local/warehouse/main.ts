/**
 * `npm run warehouse -- generate --customers N --out FILE [--seed S] [--force]`: writes a warehouse
 * DuckDB file for `npm start -- --store duckdb:FILE` and the warehouse bench. Its own command (not
 * `npm run cli`) because DuckDB's loader is asynchronous and the CLI's commands are not.
 * Exit codes: 0 written, 1 could not write, 2 usage error.
 */
import * as path from 'node:path';
import { parseFlags, UsageError } from '../cli/args';
import { generateWarehouse } from './generate';

export const WAREHOUSE_USAGE = `Usage: npm run warehouse -- generate --customers N --out FILE [--seed S] [--force]
  --customers N  how many customers (the bundled sample's 24 columns, grown; 1000000 takes minutes)
  --out FILE     the DuckDB file to write (refused if it exists, unless --force)
  --seed S       a whole number ≥ 0 that varies how the sample's columns are mixed (default 0)
  --force        replace FILE if it exists`;

export interface GenerateArgs {
  customers: number;
  out: string;
  seed: number;
  force: boolean;
}

/** `cwd`: npm runs scripts in the package root and names the caller's folder in INIT_CWD. */
export function parseGenerateArgs(
  argv: readonly string[],
  cwd = process.env.INIT_CWD ?? process.cwd(),
): GenerateArgs {
  const [command, ...rest] = argv;
  if (command !== 'generate')
    throw new UsageError(command ? `Unknown command "${command}".` : 'Name a command: generate.');
  const { flags, positional } = parseFlags(rest, {
    customers: 'number',
    out: 'string',
    seed: 'number',
    force: 'boolean',
  });
  if (positional.length) throw new UsageError(`Unexpected argument "${positional[0]}".`);
  const customers = flags.customers;
  if (customers === undefined) throw new UsageError('--customers N is required');
  if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000)
    throw new UsageError(`--customers must be a whole number from 1 to 50000000, got ${customers}`);
  if (!flags.out) throw new UsageError('--out FILE is required');
  const seed = flags.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`--seed must be a whole number ≥ 0, got ${seed}`);
  return { customers, out: path.resolve(cwd, flags.out), seed, force: flags.force ?? false };
}

/** "250,000 / 1,000,000 customers (25%), 40 s, about 120 s left". */
export function progressLine(done: number, total: number, elapsedMs: number): string {
  const left = done > 0 ? ((total - done) * elapsedMs) / done / 1000 : 0;
  return `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} customers (${Math.floor(
    (done * 100) / total,
  )}%), ${Math.round(elapsedMs / 1000)} s${done < total ? `, about ${Math.round(left)} s left` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  let args: GenerateArgs;
  try {
    args = parseGenerateArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${WAREHOUSE_USAGE}`);
    return 2;
  }
  try {
    const report = await generateWarehouse({
      customers: args.customers,
      out: args.out,
      seed: args.seed,
      overwrite: args.force,
      onProgress: (done, total, ms) => process.stderr.write(`\r${progressLine(done, total, ms)}   `),
    });
    process.stderr.write('\n');
    console.log(
      `${args.out}: ${report.customers.toLocaleString('en-US')} customers, ${report.tags.toLocaleString('en-US')} tags, ` +
        `${(report.bytes / 1e6).toFixed(1)} MB in ${(report.ms / 1000).toFixed(1)} s. ` +
        `Run the workbench on it: npm start -- --store duckdb:${args.out}`,
    );
    return 0;
  } catch (error) {
    console.error(`warehouse generate: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
