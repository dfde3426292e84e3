/**
 * Event objects shaped like the ones Gmail passes to a Workspace add-on
 * (https://developers.google.com/workspace/add-ons/concepts/event-objects), for the bundle tests
 * and the local workbench, so both exercise the same parsing production does.
 */
export interface GmailEventOptions {
  messageId?: string;
  threadId?: string;
  accessToken?: string;
  /** Card button parameters; the dispatcher reads `action` from here. */
  parameters?: Record<string, string>;
  /** Form inputs by widget name. Strings become stringInputs; numbers (ms since epoch) become dateInput. */
  formInputs?: Record<string, string | string[] | number>;
  userLocale?: string;
  timeZone?: string;
  toRecipients?: string[];
}

export function gmailEvent(options: GmailEventOptions = {}): Record<string, unknown> {
  const formInputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options.formInputs ?? {})) {
    formInputs[name] =
      typeof value === 'number'
        ? { dateInput: { msSinceEpoch: value } }
        : { stringInputs: { value: Array.isArray(value) ? value : [value] } };
  }
  const timeZone = options.timeZone ?? 'Europe/Oslo';
  const event: Record<string, unknown> = {
    commonEventObject: {
      hostApp: 'GMAIL',
      platform: 'WEB',
      userLocale: options.userLocale ?? 'en',
      timeZone: { id: timeZone, offset: 3_600_000 },
      ...(Object.keys(formInputs).length ? { formInputs } : {}),
      ...(options.parameters ? { parameters: options.parameters } : {}),
    },
  };
  if (options.messageId || options.toRecipients) {
    event.gmail = {
      ...(options.messageId
        ? {
            messageId: options.messageId,
            threadId: options.threadId ?? `thread-${options.messageId}`,
            accessToken: options.accessToken ?? `token-for-${options.messageId}`,
          }
        : {}),
      ...(options.toRecipients ? { toRecipients: options.toRecipients } : {}),
    };
  }
  return event;
}
