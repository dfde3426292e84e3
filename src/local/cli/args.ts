/** A small, strict option parser: unknown flags and missing values are usage errors, never ignored. */
export class UsageError extends Error {}

export interface FlagSpec {
  [name: string]: 'string' | 'number' | 'boolean';
}

export function parseFlags<S extends FlagSpec>(
  argv: string[],
  spec: S,
): {
  flags: { [K in keyof S]?: S[K] extends 'number' ? number : S[K] extends 'boolean' ? boolean : string };
  positional: string[];
} {
  const flags: Record<string, string | number | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const type = spec[rawName];
    if (!type)
      throw new UsageError(
        `Unknown option --${rawName}. Options: ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(', ')}`,
      );
    if (type === 'boolean') {
      flags[rawName] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${rawName} needs a value`);
    if (type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`--${rawName} must be a number, got "${value}"`);
      flags[rawName] = n;
    } else flags[rawName] = value;
  }
  return { flags: flags as never, positional };
}
