/**
 * MailApp with the daily recipient quota (1,500 on Workspace, 100 on consumer accounts, counted per
 * recipient including cc and bcc, resetting at the next UTC day on the fake clock), address
 * validation, an outbox, and fault-injection hooks so tests can kill a run around a send.
 */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { FakeClock } from './clock';
import type { ServiceEnv } from './world';

export const DAILY_RECIPIENTS = { workspace: 1500, consumer: 100 } as const;

export interface SentMail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  sentAt: Date;
}

export interface MailMessage {
  to: string;
  subject: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
  noReply?: boolean;
}

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export class MailState {
  readonly outbox: SentMail[] = [];
  private used = 0;
  private day: number;
  private failures: Error[] = [];
  /** Called just before / just after a send is recorded; throw from it to simulate a crash there. */
  onBeforeSend?: (mail: SentMail) => void;
  onAfterSend?: (mail: SentMail) => void;

  constructor(
    private readonly clock: FakeClock,
    public accountKind: 'workspace' | 'consumer',
  ) {
    this.day = this.today();
  }

  private today(): number {
    return Math.floor(this.clock.nowMs() / 86_400_000);
  }

  remaining(): number {
    if (this.today() !== this.day) {
      this.day = this.today();
      this.used = 0;
    }
    return DAILY_RECIPIENTS[this.accountKind] - this.used;
  }

  failNextSend(error: Error = new AppsScriptError('Service unavailable: Gmail')): void {
    this.failures.push(error);
  }

  send(mail: SentMail): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const recipients = mail.to.length + mail.cc.length + mail.bcc.length;
    if (this.remaining() < recipients) throw new AppsScriptError(GAS_ERRORS.mailQuota);
    this.onBeforeSend?.(mail);
    this.used += recipients;
    this.outbox.push(mail);
    this.onAfterSend?.(mail);
  }
}

function addresses(list: string | undefined): string[] {
  if (!list) return [];
  const out = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of out) {
    const bare = /<([^>]+)>/.exec(a)?.[1] ?? a;
    if (!ADDRESS.test(bare)) throw new AppsScriptError(GAS_ERRORS.invalidEmail(a));
  }
  return out;
}

export function createMailApp(env: ServiceEnv) {
  return {
    getRemainingDailyQuota(): number {
      env.hit('MailApp.getRemainingDailyQuota');
      return env.world.mail.remaining();
    },
    sendEmail(
      recipientOrMessage: string | MailMessage,
      subject?: string,
      body?: string,
      options: Omit<MailMessage, 'to' | 'subject' | 'body'> = {},
    ): void {
      env.hit('MailApp.sendEmail');
      const m: MailMessage =
        typeof recipientOrMessage === 'string'
          ? { ...options, to: recipientOrMessage, subject: subject ?? '', body: body ?? '' }
          : recipientOrMessage;
      if (/[\r\n]/.test(m.subject)) throw new AppsScriptError('Invalid argument: subject');
      env.world.mail.send({
        from: env.execution.user,
        to: addresses(m.to),
        cc: addresses(m.cc),
        bcc: addresses(m.bcc),
        subject: m.subject,
        body: m.body ?? '',
        htmlBody: m.htmlBody,
        name: m.name,
        replyTo: m.replyTo,
        sentAt: env.world.clock.now(),
      });
    },
  };
}
