/**
 * The unsubscribe footer every campaign email gets from the product, whatever its template says: a
 * retention campaign is commercial email and must offer a working opt-out (text and HTML alike).
 *
 * MailApp cannot set the RFC 8058 List-Unsubscribe / List-Unsubscribe-Post headers: sendEmail's
 * options are attachments, bcc, cc, htmlBody, inlineImages, name, noReply and replyTo (MailApp
 * reference), so the link in the body is the opt-out.
 */
import type { OutgoingEmail } from '../campaigns/runner';
import { escapeHtml } from '../templates/markdown';
import type { UnsubscribeLanguage } from './language';
import { UNSUBSCRIBE_TEXTS } from './texts';

const FOOTER_STYLE = 'margin-top:24px;color:#5f6368;font-size:12px';

export function withUnsubscribeFooter(
  email: OutgoingEmail,
  url: string,
  lang: UnsubscribeLanguage,
): OutgoingEmail {
  const t = UNSUBSCRIBE_TEXTS[lang];
  const html =
    `<p style="${FOOTER_STYLE}">${escapeHtml(t.footerAsk)} ` +
    `<a href="${escapeHtml(url)}">${escapeHtml(t.footerLink)}</a></p>`;
  const closing = email.htmlBody.search(/<\/body>/i);
  return {
    ...email,
    unsubscribeUrl: url,
    textBody: `${email.textBody.replace(/\s+$/, '')}\n\n--\n${t.footerAsk} ${t.footerLink}: ${url}\n`,
    htmlBody:
      closing >= 0
        ? `${email.htmlBody.slice(0, closing)}${html}${email.htmlBody.slice(closing)}`
        : `${email.htmlBody}${html}`,
  };
}
