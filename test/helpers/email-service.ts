/**
 * The email-service stand-in for tests: one child process per test file, the world's UrlFetchApp
 * routed to it, and the user's Settings switched to the email service.
 */
import { saveSettings, loadSettings } from '../../src/app/settings-store';
import { saveSenderKey } from '../../src/app/sender-store';
import {
  startEmailService,
  STANDIN_API_KEY,
  type EmailServiceProcess,
} from '../../src/local/email-service/process';
import type { AppsScriptWorld } from '../../src/local/standins';
import { propertiesStore } from '../../src/gas/properties-store';

export { STANDIN_API_KEY };

export const FROM = 'retention@nimbus.example';

export async function emailService(): Promise<EmailServiceProcess> {
  return startEmailService(STANDIN_API_KEY);
}

/** Routes SendGrid's API to the stand-in and makes the world's user send through it. */
export function useEmailService(
  world: AppsScriptWorld,
  service: EmailServiceProcess,
  /** batchSize: emails per request; 1 (the default here) is the one-by-one send the older tests count. */
  options: { dailyLimit?: number; deadlineMs?: number; apiKey?: string; batchSize?: number } = {},
): void {
  world.network.route('https://api.sendgrid.com', service.url);
  world.network.deadlineMs = options.deadlineMs ?? 150;
  const exec = world.startExecution();
  const store = propertiesStore(exec.globals.PropertiesService.getUserProperties());
  const { settings } = loadSettings(store);
  saveSettings(store, {
    ...settings,
    sender: {
      kind: 'email-service',
      fromEmail: FROM,
      dailyLimit: options.dailyLimit ?? 1_000_000,
      batchSize: options.batchSize ?? 1,
    },
  });
  saveSenderKey(store, options.apiKey ?? STANDIN_API_KEY);
  exec.end();
}
