/**
 * Text that becomes a mail header (a subject, the sender's display name) must stay on one line:
 * "Ana\r\nBcc: everyone@x" would otherwise add a header of the writer's choosing.
 */

/** Control characters and line/paragraph separators become one space; the rest is trimmed. */
export function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/\s{2,}/g, ' ')
      .trim()
  );
}

/** The display name given to MailApp's `name` option, at most 100 characters on one line. */
export const MAX_SENDER_NAME = 100;
export function senderDisplayName(name: string): string {
  return oneLine(name).slice(0, MAX_SENDER_NAME).trim();
}
