/**
 * Logger (a service: counted, and readable back with getLog) and console (not a service: not
 * counted). Both append to world.log: Logger lines as "[Logger] ...", console lines as
 * "[log] ...", "[info] ...", "[warn] ...", "[error] ...".
 */
import type { ConsoleLike, LoggerLike } from '../../gas/services';
import type { ServiceEnv } from './world';

function show(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.prototype.toString.call(value) !== '[object Date]'
  ) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Logger.log(format, values...) replaces %s, %d and %f in order, like Apps Script's String.format. */
function format(template: string, values: unknown[]): string {
  let i = 0;
  return template.replace(/%([sdf%])/g, (m, kind: string) => {
    if (kind === '%') return '%';
    if (i >= values.length) return m;
    const v = values[i++];
    return kind === 's' ? show(v) : String(Number(v));
  });
}

export class LoggerStandin implements LoggerLike {
  private readonly lines: string[] = [];

  constructor(private readonly env: ServiceEnv) {}

  log(data: unknown): LoggerStandin;
  log(format: string, ...values: unknown[]): LoggerStandin;
  log(data: unknown, ...values: unknown[]): LoggerStandin {
    this.env.call('Logger.log');
    const line = values.length && typeof data === 'string' ? format(data, values) : show(data);
    this.lines.push(line);
    this.env.world.log.push(`[Logger] ${line}`);
    return this;
  }

  getLog(): string {
    this.env.call('Logger.getLog');
    return this.lines.map((l) => `${l}\n`).join('');
  }

  clear(): void {
    this.env.call('Logger.clear');
    this.lines.length = 0;
  }
}

export function createConsole(env: ServiceEnv): ConsoleLike {
  const line =
    (level: string) =>
    (...data: unknown[]) =>
      void env.world.log.push(`[${level}] ${data.map(show).join(' ')}`);
  return { log: line('log'), info: line('info'), warn: line('warn'), error: line('error') };
}
