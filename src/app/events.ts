/**
 * The event objects Google passes to add-on triggers and actions, validated at the boundary.
 * Reference: https://developers.google.com/workspace/add-ons/concepts/event-objects
 * Only what ChurnGuard reads is required; everything else passes through untouched.
 */
import * as z from '../core/zod';

const StringInputs = z.object({ value: z.array(z.string()) });
const FormInput = z.looseObject({
  stringInputs: z.optional(StringInputs),
  dateInput: z.optional(z.object({ msSinceEpoch: z.union([z.number(), z.string()]) })),
  dateTimeInput: z.optional(z.object({ msSinceEpoch: z.union([z.number(), z.string()]) })),
});

const CommonEventObject = z.looseObject({
  hostApp: z.optional(z.string()),
  platform: z.optional(z.string()),
  userLocale: z.optional(z.string()),
  timeZone: z.optional(z.partial(z.object({ id: z.string(), offset: z.number() }))),
  formInputs: z.optional(z.record(z.string(), FormInput)),
  parameters: z.optional(z.record(z.string(), z.string())),
});

const GmailEventObject = z.looseObject({
  messageId: z.optional(z.string().check(z.minLength(1))),
  threadId: z.optional(z.string()),
  accessToken: z.optional(z.string().check(z.minLength(1))),
  toRecipients: z.optional(z.array(z.string())),
  ccRecipients: z.optional(z.array(z.string())),
  bccRecipients: z.optional(z.array(z.string())),
});

export const AddonEventSchema = z.looseObject({
  commonEventObject: z.optional(CommonEventObject),
  gmail: z.optional(GmailEventObject),
});

/** The event as handlers see it: flattened, defaulted, typed. */
export interface AddonEvent {
  parameters: Record<string, string>;
  /** Form inputs by widget name; single-value inputs are one-element arrays. Dates as ms strings. */
  form: Record<string, string[]>;
  locale: string;
  timeZone: string;
  gmail?: {
    messageId?: string;
    threadId?: string;
    accessToken?: string;
    toRecipients: string[];
  };
}

export class InvalidEventError extends Error {}

export function parseAddonEvent(raw: unknown): AddonEvent {
  const parsed = AddonEventSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InvalidEventError(
      `The add-on received an event it does not understand (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown'}).`,
    );
  }
  const common = parsed.data.commonEventObject ?? {};
  const form: Record<string, string[]> = {};
  for (const [name, input] of Object.entries(common.formInputs ?? {})) {
    if (input.stringInputs) form[name] = input.stringInputs.value;
    else if (input.dateInput) form[name] = [String(input.dateInput.msSinceEpoch)];
    else if (input.dateTimeInput) form[name] = [String(input.dateTimeInput.msSinceEpoch)];
  }
  const gmail = parsed.data.gmail;
  return {
    parameters: common.parameters ?? {},
    form,
    locale: common.userLocale ?? 'en',
    timeZone: common.timeZone?.id ?? 'Etc/UTC',
    gmail: gmail
      ? {
          messageId: gmail.messageId,
          threadId: gmail.threadId,
          accessToken: gmail.accessToken,
          toRecipients: gmail.toRecipients ?? [],
        }
      : undefined,
  };
}

/** The first value of a form input, trimmed; '' when absent. */
export function formValue(event: AddonEvent, name: string): string {
  return (event.form[name]?.[0] ?? '').trim();
}

/**
 * The action parameters of a raw event, read without trusting its shape, before it is validated: the
 * answer to a broken event must still have the type the button's wiring expects, so the action's name
 * is needed even when parsing fails.
 */
export function rawActionParameters(raw: unknown): Record<string, string | undefined> {
  const params = (raw as { commonEventObject?: { parameters?: unknown } } | null)?.commonEventObject
    ?.parameters;
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}
