/**
 * MailApp with the limits on Apps Script's quotas page: recipients per day (1,500 on Workspace, 100
 * on consumer accounts, counted per recipient including cc and bcc, per user, over the world's quota
 * window), 50 recipients per message, body size (400 KB Workspace, 200 KB consumer); address
 * validation with Apps Script's messages; an outbox; and fault injection so tests can fail a send or
 * kill an execution right before or after one.
 */
import type { MailAppLike, MailMessageLike, MailOptionsLike } from '../../gas/services';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import type { ServiceEnv } from './world';

export const DAILY_RECIPIENTS = { workspace: 1500, consumer: 100 } as const;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/** MailApp.sendEmail and GmailMessage.createDraftReply both cap a subject at 250 characters. */
export const MAX_SUBJECT_CHARS = 250;
export const MAX_BODY_BYTES = { workspace: 400 * 1024, consumer: 200 * 1024 } as const;

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
  noReply?: boolean;
  sentAt: Date;
  /** The execution that sent it. */
  executionId: number;
}

export class MailState {
  readonly outbox: SentMail[] = [];
  private failures: Error[] = [];
  /** Runs after validation and the quota check, before the mail is sent; throw to die before it. */
  onBeforeSend?: (mail: SentMail) => void;
  /** Runs once the mail is sent and counted; throw to kill the execution right after a send. */
  onAfterSend?: (mail: SentMail) => void;

  /** The next sendEmail (of any execution) throws `error` without sending or spending quota. */
  failNextSend(error: Error | string = new AppsScriptError('Service unavailable: Gmail')): void {
    this.failures.push(typeof error === 'string' ? new AppsScriptError(error) : error);
  }

  takeFailure(): Error | undefined {
    return this.failures.shift();
  }

  /** Mail sent to an address (in to, cc or bcc). */
  sentTo(address: string): SentMail[] {
    const a = address.toLowerCase();
    return this.outbox.filter((m) =>
      [...m.to, ...m.cc, ...m.bcc].some((r) => bareAddress(r).toLowerCase() === a),
    );
  }
}

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]+$/;

/** "Ann <ann@x.io>" → "ann@x.io"; a bare address stays as it is. */
export function bareAddress(recipient: string): string {
  return /<([^>]*)>\s*$/.exec(recipient)?.[1]?.trim() ?? recipient.trim();
}

function recipients(list: unknown): string[] {
  if (list === undefined || list === null || list === '') return [];
  const out = String(list)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const r of out)
    if (!ADDRESS.test(bareAddress(r))) throw new AppsScriptError(GAS_ERRORS.invalidEmail(r));
  return out;
}

export class MailAppStandin implements MailAppLike {
  constructor(private readonly env: ServiceEnv) {}

  getRemainingDailyQuota(): number {
    this.env.call('MailApp.getRemainingDailyQuota');
    return this.env.world.account(this.env.execution.user).emailQuota.remaining();
  }

  sendEmail(message: MailMessageLike): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: MailOptionsLike): void;
  sendEmail(...args: unknown[]): void {
    this.env.call('MailApp.sendEmail');
    const m = this.message(args);
    const account = this.env.world.account(this.env.execution.user);
    const to = recipients(m.to);
    const cc = recipients(m.cc);
    const bcc = recipients(m.bcc);
    if (m.replyTo) recipients(m.replyTo);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw new AppsScriptError(GAS_ERRORS.noRecipient);
    if (/[\r\n]/.test(m.subject)) throw new AppsScriptError(GAS_ERRORS.invalidArgument('subject'));
    // "subject: the subject of the email (250 characters maximum)"; htmlBody is a String
    // (https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,Object)).
    if (m.subject.length > MAX_SUBJECT_CHARS)
      throw new AppsScriptError(GAS_ERRORS.invalidArgument('subject'));
    if (m.htmlBody !== undefined && typeof m.htmlBody !== 'string')
      throw new AppsScriptError(GAS_ERRORS.invalidArgument('htmlBody'));
    if (count > MAX_RECIPIENTS_PER_MESSAGE) throw new AppsScriptError(GAS_ERRORS.tooManyRecipients);
    const size = Buffer.byteLength(m.body ?? '', 'utf8') + Buffer.byteLength(m.htmlBody ?? '', 'utf8');
    if (size > MAX_BODY_BYTES[account.kind]) throw new AppsScriptError(GAS_ERRORS.bodyTooLarge);
    if (account.emailQuota.remaining() < count) throw new AppsScriptError(GAS_ERRORS.mailQuota);
    const state = this.env.world.mail;
    const failure = state.takeFailure();
    if (failure) throw failure;
    const mail: SentMail = {
      from: this.env.execution.user,
      to,
      cc,
      bcc,
      subject: m.subject,
      body: m.body ?? '',
      sentAt: this.env.world.clock.now(),
      executionId: this.env.execution.id,
    };
    if (m.htmlBody !== undefined) mail.htmlBody = m.htmlBody;
    if (m.name !== undefined) mail.name = m.name;
    if (m.replyTo !== undefined) mail.replyTo = m.replyTo;
    if (m.noReply !== undefined) mail.noReply = m.noReply;
    state.onBeforeSend?.(mail);
    account.emailQuota.spend(count);
    state.outbox.push(mail);
    state.onAfterSend?.(mail);
  }

  private message(args: unknown[]): MailMessageLike {
    const sig = () => new AppsScriptError(GAS_ERRORS.signature(describeArgs(args), 'MailApp.sendEmail'));
    const [a, b, c, d] = args;
    if (args.length === 1 && a !== null && typeof a === 'object') {
      const o = a as Record<string, unknown>;
      const str = (k: string) => (o[k] === undefined || o[k] === null ? undefined : String(o[k]));
      return {
        to: str('to') ?? '',
        subject: str('subject') ?? '',
        body: str('body'),
        htmlBody: str('htmlBody'),
        name: str('name'),
        replyTo: str('replyTo'),
        cc: str('cc'),
        bcc: str('bcc'),
        noReply: o.noReply === undefined ? undefined : Boolean(o.noReply),
      };
    }
    if (args.length < 3 || args.length > 4 || typeof a !== 'string' || typeof b !== 'string') throw sig();
    if (args.length === 4 && typeof d === 'string') {
      // sendEmail(to, replyTo, subject, body)
      if (typeof c !== 'string') throw sig();
      return { to: a, replyTo: b, subject: c, body: d };
    }
    if (typeof c !== 'string') throw sig();
    const options = (d ?? {}) as MailOptionsLike;
    if (typeof options !== 'object' || options === null) throw sig();
    return { ...options, to: a, subject: b, body: c };
  }
}
