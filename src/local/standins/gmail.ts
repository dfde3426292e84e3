/**
 * GmailApp as a Gmail add-on sees it: the open message is readable only after the event's access
 * token is set (per-message scopes), and reply drafts are recorded.
 */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { ServiceEnv } from './world';

export interface SeedMessage {
  id: string;
  threadId?: string;
  from: string;
  to: string | string[];
  cc?: string | string[];
  replyTo?: string;
  subject: string;
  date: Date | string;
  plainBody: string;
  htmlBody?: string;
}

export interface RecordedDraft {
  id: string;
  threadId: string;
  replyToMessageId: string;
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : (v ?? ''));

export class GmailState {
  readonly messages = new Map<string, SeedMessage>();
  readonly drafts: RecordedDraft[] = [];

  seed(messages: SeedMessage[]): void {
    for (const m of messages) this.messages.set(m.id, m);
  }
}

export function createGmailApp(env: ServiceEnv) {
  let token: string | null = null;
  const state = env.world.gmail;

  const messageApi = (m: SeedMessage) => ({
    getId: () => m.id,
    getFrom: () => m.from,
    getTo: () => list(m.to),
    getCc: () => list(m.cc),
    getReplyTo: () => m.replyTo ?? '',
    getSubject: () => m.subject,
    getDate: () => new Date(m.date),
    getPlainBody() {
      env.hit('GmailMessage.getPlainBody');
      return m.plainBody;
    },
    getBody() {
      env.hit('GmailMessage.getBody');
      return m.htmlBody ?? m.plainBody;
    },
    getThread: () => ({ getId: () => m.threadId ?? m.id, getFirstMessageSubject: () => m.subject }),
    createDraftReply(body: string, options: { htmlBody?: string } = {}) {
      env.hit('GmailMessage.createDraftReply');
      const draft: RecordedDraft = {
        id: `draft-${state.drafts.length + 1}`,
        threadId: m.threadId ?? m.id,
        replyToMessageId: m.id,
        to: m.replyTo || m.from,
        subject: /^re:/i.test(m.subject) ? m.subject : `Re: ${m.subject}`,
        body,
        htmlBody: options.htmlBody,
      };
      state.drafts.push(draft);
      return { getId: () => draft.id };
    },
  });

  return {
    setCurrentMessageAccessToken(accessToken: string): void {
      env.hit('GmailApp.setCurrentMessageAccessToken');
      if (!accessToken) throw new AppsScriptError('Invalid argument: accessToken');
      token = accessToken;
    },
    getMessageById(id: string) {
      env.hit('GmailApp.getMessageById');
      if (!token) throw new AppsScriptError(GAS_ERRORS.gmailNoToken);
      const m = state.messages.get(id);
      if (!m) throw new AppsScriptError(GAS_ERRORS.gmailNoMessage(id));
      return messageApi(m);
    },
  };
}
