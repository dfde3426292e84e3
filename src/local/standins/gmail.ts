/**
 * GmailApp as a Gmail add-on with per-message scopes sees it: the open message is readable only
 * after the event's access token is set with setCurrentMessageAccessToken in the same execution, an
 * unknown ID fails, and reply drafts are recorded (to the sender, or Reply-To; subject "Re: ...").
 * A seeded message may carry the token its events carry; then only that token (or the token of a
 * message in the same thread) opens it, as with real per-message tokens. Trigger executions have no
 * token, so they cannot read messages this way either. The token opens the message's thread, so
 * GmailThread.getMessages works on it. Drafts (createDraftReply, createDraft) are refused outside a
 * compose action when the execution says how Gmail invoked it (Execution.invocation), as the
 * gmail.addons.current.action.compose scope grants them only there.
 */
import type {
  GmailAppLike,
  GmailDraftLike,
  GmailMessageLike,
  GmailReplyOptionsLike,
  GmailThreadLike,
} from '../../gas/services';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import { MAX_SUBJECT_CHARS } from './mail';
import type { ServiceEnv } from './world';

export interface SeedMessage {
  id: string;
  /** Defaults to the message ID (a thread of one). */
  threadId?: string;
  /** A header value: "Ann Lee <ann@x.io>" or a bare address. */
  from: string;
  to: string | string[];
  cc?: string | string[];
  replyTo?: string;
  subject: string;
  date: Date | string;
  plainBody: string;
  htmlBody?: string;
  /** The token a Gmail event for this message carries; when set, only it opens the message. */
  accessToken?: string;
}

export interface RecordedDraft {
  id: string;
  /** The thread the draft joins; a standalone draft (GmailApp.createDraft) starts its own. */
  threadId: string;
  /** The message it replies to; '' for a standalone draft. */
  replyToMessageId: string;
  /** The user whose mailbox holds the draft. */
  user: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  createdAt: Date;
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : (v ?? ''));

export class GmailState {
  readonly messages = new Map<string, SeedMessage>();
  readonly drafts: RecordedDraft[] = [];

  seed(messages: SeedMessage[]): void {
    for (const m of messages) this.messages.set(m.id, { ...m });
  }

  thread(threadId: string): SeedMessage[] {
    return [...this.messages.values()]
      .filter((m) => (m.threadId ?? m.id) === threadId)
      .sort((a, b) => new Date(a.date).getTime() - new Date(b.date).getTime());
  }

  /** Whether `token` grants access to the message, under per-message scopes. */
  tokenOpens(token: string, m: SeedMessage): boolean {
    if (m.accessToken === undefined) return true;
    return this.thread(m.threadId ?? m.id).some((t) => t.accessToken === token);
  }
}

/**
 * The advanced parameters of createDraftReply(body, options): "subject: a new subject line for the
 * email (250 characters maximum)", "htmlBody: … used instead of the required body argument" (a String)
 * (https://developers.google.com/apps-script/reference/gmail/gmail-message#createDraftReply(String,Object)).
 * Without a subject the draft keeps the thread's "Re: <subject>", as Gmail does.
 */
function checkReplyOptions(options: GmailReplyOptionsLike, method: string): void {
  if (options.subject !== undefined) {
    if (
      typeof options.subject !== 'string' ||
      options.subject.length > MAX_SUBJECT_CHARS ||
      /[\r\n]/.test(options.subject)
    )
      throw new AppsScriptError(GAS_ERRORS.invalidArgument('subject'));
  }
  if (options.htmlBody !== undefined && typeof options.htmlBody !== 'string')
    throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([options]), method));
}

/** Refuses a draft outside a compose action, when the execution knows how it was invoked. */
function requireComposeAction(env: ServiceEnv): void {
  const invocation = env.execution.invocation;
  if (invocation !== undefined && invocation !== 'composeAction') {
    throw new AppsScriptError(GAS_ERRORS.gmailDraftOutsideCompose(invocation));
  }
}

function recordDraft(
  env: ServiceEnv,
  draft: Omit<RecordedDraft, 'id' | 'user' | 'createdAt'>,
): GmailDraftStandin {
  const drafts = env.world.gmail.drafts;
  const id = `r-${String(drafts.length + 1).padStart(19, '0')}`;
  drafts.push({ ...draft, id, user: env.execution.user, createdAt: env.world.clock.now() });
  return new GmailDraftStandin(env, id);
}

export class GmailAppStandin implements GmailAppLike {
  private token: string | null = null;

  constructor(private readonly env: ServiceEnv) {}

  createDraft(
    recipient: string,
    subject: string,
    body: string,
    options: GmailReplyOptionsLike = {},
  ): GmailDraftStandin {
    this.env.call('GmailApp.createDraft');
    if (typeof recipient !== 'string' || typeof subject !== 'string' || typeof body !== 'string') {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([recipient, subject, body, options]), 'GmailApp.createDraft'),
      );
    }
    requireComposeAction(this.env);
    checkReplyOptions({ ...options, subject }, 'GmailApp.createDraft');
    const threadId = `t-draft-${this.env.world.gmail.drafts.length + 1}`;
    return recordDraft(this.env, {
      threadId,
      replyToMessageId: '',
      to: recipient,
      subject,
      body,
      ...(options.htmlBody !== undefined ? { htmlBody: options.htmlBody } : {}),
      ...(options.cc !== undefined ? { cc: options.cc } : {}),
      ...(options.bcc !== undefined ? { bcc: options.bcc } : {}),
    });
  }

  setCurrentMessageAccessToken(accessToken: string): void {
    this.env.call('GmailApp.setCurrentMessageAccessToken');
    if (typeof accessToken !== 'string') {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([accessToken]), 'GmailApp.setCurrentMessageAccessToken'),
      );
    }
    if (accessToken === '') throw new AppsScriptError(GAS_ERRORS.invalidArgument('accessToken'));
    this.token = accessToken;
  }

  getMessageById(id: string): GmailMessageStandin {
    this.env.call('GmailApp.getMessageById');
    if (this.token === null) throw new AppsScriptError(GAS_ERRORS.gmailNoToken);
    const m = this.env.world.gmail.messages.get(String(id));
    if (!m) throw new AppsScriptError(GAS_ERRORS.gmailNoMessage(String(id)));
    if (!this.env.world.gmail.tokenOpens(this.token, m)) throw new AppsScriptError(GAS_ERRORS.gmailBadToken);
    return new GmailMessageStandin(this.env, m);
  }
}

export class GmailMessageStandin implements GmailMessageLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly m: SeedMessage,
  ) {}

  private touch(method: string): void {
    this.env.call(`GmailMessage.${method}`);
  }

  getId(): string {
    this.touch('getId');
    return this.m.id;
  }

  getFrom(): string {
    this.touch('getFrom');
    return this.m.from;
  }

  getTo(): string {
    this.touch('getTo');
    return list(this.m.to);
  }

  getCc(): string {
    this.touch('getCc');
    return list(this.m.cc);
  }

  getReplyTo(): string {
    this.touch('getReplyTo');
    return this.m.replyTo ?? '';
  }

  getSubject(): string {
    this.touch('getSubject');
    return this.m.subject;
  }

  getPlainBody(): string {
    this.touch('getPlainBody');
    return this.m.plainBody;
  }

  /** The HTML body; a plain-text-only message comes back as that text. */
  getBody(): string {
    this.touch('getBody');
    return this.m.htmlBody ?? this.m.plainBody;
  }

  getDate(): Date {
    this.touch('getDate');
    return this.env.execution.date(new Date(this.m.date).getTime());
  }

  getThread(): GmailThreadStandin {
    this.touch('getThread');
    return new GmailThreadStandin(this.env, this.m.threadId ?? this.m.id);
  }

  createDraftReply(body: string, options: GmailReplyOptionsLike = {}): GmailDraftStandin {
    this.touch('createDraftReply');
    if (typeof body !== 'string') {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([body, options]), 'GmailApp.GmailMessage.createDraftReply'),
      );
    }
    requireComposeAction(this.env);
    checkReplyOptions(options, 'GmailApp.GmailMessage.createDraftReply');
    return recordDraft(this.env, {
      threadId: this.m.threadId ?? this.m.id,
      replyToMessageId: this.m.id,
      // Gmail replies to the Reply-To, else the sender: on a message the user sent, that is the user.
      to: this.m.replyTo || this.m.from,
      subject: options.subject ?? (/^re:/i.test(this.m.subject) ? this.m.subject : `Re: ${this.m.subject}`),
      body,
      ...(options.htmlBody !== undefined ? { htmlBody: options.htmlBody } : {}),
      ...(options.cc !== undefined ? { cc: options.cc } : {}),
      ...(options.bcc !== undefined ? { bcc: options.bcc } : {}),
    });
  }
}

export class GmailThreadStandin implements GmailThreadLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly threadId: string,
  ) {}

  getId(): string {
    this.env.call('GmailThread.getId');
    return this.threadId;
  }

  getFirstMessageSubject(): string {
    this.env.call('GmailThread.getFirstMessageSubject');
    return this.env.world.gmail.thread(this.threadId)[0]?.subject ?? '';
  }

  /** Oldest first, as Gmail lists a thread. */
  getMessages(): GmailMessageStandin[] {
    this.env.call('GmailThread.getMessages');
    return this.env.world.gmail.thread(this.threadId).map((m) => new GmailMessageStandin(this.env, m));
  }
}

export class GmailDraftStandin implements GmailDraftLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly id: string,
  ) {}

  getId(): string {
    this.env.call('GmailDraft.getId');
    return this.id;
  }
}
