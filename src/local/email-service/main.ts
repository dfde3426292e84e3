/**
 * Runs the email-service stand-in as its own process (`tsx src/local/email-service/main.ts
 * [--port N] [--key KEY]`) and prints one JSON line {"url": ...} once it listens. A separate process
 * because the callers block their thread while they wait for an answer (../standins/sync-http.ts).
 */
import { EmailServiceStandin } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const service = new EmailServiceStandin(arg('key') ?? 'SG.standin-key-0000.standin-secret-0000');
void service.listen(Number(arg('port') ?? 0)).then((url) => {
  process.stdout.write(`${JSON.stringify({ url })}\n`);
});
// The parent's exit closes stdin: the stand-in never outlives the test run or workbench that started it.
process.stdin.on('end', () => void service.close().then(() => process.exit(0)));
process.stdin.resume();
