/** `churnguard score … | head`: the CLI stops quietly when the reader closes the pipe. */
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { exitQuietlyOnClosedPipe } from '../../src/local/cli/closed-pipe';

const ROOT = path.resolve(__dirname, '../..');

describe('a closed output pipe', () => {
  it('ends `churnguard score | head -n 1` with exit 0 and no stack trace', () => {
    // pipefail: the pipeline's status is the CLI's, not head's. stderr is captured apart from stdout.
    const script =
      'set -o pipefail; node bin/churnguard.js score --sheet sample/customers.csv --limit 5000 2>/tmp/cg-epipe-$$.err | head -n 1 >/dev/null; ' +
      'status=$?; grep -v "^Customers!\\|cell issue" /tmp/cg-epipe-$$.err; rm -f /tmp/cg-epipe-$$.err; exit $status';
    const stderr = execFileSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 60_000);

  it('exits 0 on EPIPE and lets any other write error through', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyOnClosedPipe([stream as never], (code) => void exits.push(code));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow(
      'disk full',
    );
  });
});
