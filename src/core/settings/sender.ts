/**
 * Which sender sends campaign emails: MailApp as the user (the default; 1,500 recipients a day on
 * Workspace) or an email service (SendGrid) through UrlFetchApp, for teams past MailApp's quota.
 * The API key is not here: it lives in its own user property (src/gas/sender-choice.ts), so the
 * settings JSON, which cards and logs may show, never holds it.
 */
import * as z from '../zod';

export const SENDER_KINDS = ['mailapp', 'email-service'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/** SendGrid's free plan sends 100 a day; the team enters its own plan's figure. */
export const DEFAULT_DAILY_LIMIT = 100;
export const MAX_DAILY_LIMIT = 10_000_000;

/**
 * Emails per email-service request. A request whose answer is lost (a timeout after the provider may
 * have accepted it) puts every one of its emails in review, for a person to look up one by one; a
 * run killed between marking and logging does the same. 50 already spreads a request's ~300 ms over
 * 50 emails, so a run is bound by composing each email (reading its row), not by the request; larger
 * batches add little speed and multiply that review. The ceiling is SendGrid's 1,000
 * personalizations per request; 1 sends one by one.
 */
export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 1_000;

export const SenderSettingsSchema = z.object({
  kind: z._default(z.enum(SENDER_KINDS), 'mailapp'),
  /** The From address; the provider requires it to be a verified sender. */
  fromEmail: z.optional(z.string().check(z.trim(), z.maxLength(254))),
  /** Emails the provider plan allows a day: the quota the runner counts down. */
  dailyLimit: z._default(z.int().check(z.gte(1), z.lte(MAX_DAILY_LIMIT)), DEFAULT_DAILY_LIMIT),
  /** Emails per request to the email service; unset: DEFAULT_BATCH_SIZE (see there for the trade-off). */
  batchSize: z.optional(z.int().check(z.gte(1), z.lte(MAX_BATCH_SIZE))),
});
export type SenderSettings = z.infer<typeof SenderSettingsSchema>;

export const DEFAULT_SENDER: SenderSettings = SenderSettingsSchema.parse({});

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]+$/;

/**
 * The sender settings from the Settings form, or what is wrong with them. The key is checked for
 * presence and shape only, and never quoted back.
 */
export function parseSenderForm(
  form: { kind: string; fromEmail: string; dailyLimit: string; newKey: string; batchSize?: string },
  hasSavedKey: boolean,
): { ok: true; settings: SenderSettings } | { ok: false; reason: string } {
  const kind: SenderKind = form.kind === 'email-service' ? 'email-service' : 'mailapp';
  const fromEmail = form.fromEmail.trim();
  const limitText = form.dailyLimit.trim().replace(/[\s,]/g, '');
  const dailyLimit = limitText === '' ? DEFAULT_DAILY_LIMIT : Number(limitText);
  if (!Number.isInteger(dailyLimit) || dailyLimit < 1 || dailyLimit > MAX_DAILY_LIMIT)
    return {
      ok: false,
      reason: `Sender: "Emails a day" must be a whole number from 1 to ${MAX_DAILY_LIMIT.toLocaleString('en-US')} (your email service plan's daily limit); it is "${form.dailyLimit}".`,
    };
  const batchText = (form.batchSize ?? '').trim().replace(/[\s,]/g, '');
  const batchSize = batchText === '' ? undefined : Number(batchText);
  if (
    batchSize !== undefined &&
    (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE)
  )
    return {
      ok: false,
      reason: `Sender: "Emails per request" must be a whole number from 1 to ${MAX_BATCH_SIZE.toLocaleString('en-US')} (SendGrid's limit); it is "${form.batchSize}". A lost answer puts a whole request in review, so keep it near ${DEFAULT_BATCH_SIZE}.`,
    };
  if (kind === 'email-service') {
    if (!ADDRESS.test(fromEmail))
      return {
        ok: false,
        reason: `Sender: the email service needs a From address it has verified; "${fromEmail}" is not an email address.`,
      };
    const key = form.newKey.trim();
    if (!key && !hasSavedKey)
      return {
        ok: false,
        reason: 'Sender: paste the email service API key (it is saved, never shown again).',
      };
    if (key && !/^SG\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/.test(key))
      return {
        ok: false,
        reason:
          'Sender: that is not a SendGrid API key (they start with "SG." and have two dot-separated parts). It was not saved.',
      };
  }
  return {
    ok: true,
    settings: {
      kind,
      ...(fromEmail ? { fromEmail } : {}),
      dailyLimit,
      ...(batchSize !== undefined ? { batchSize } : {}),
    },
  };
}
