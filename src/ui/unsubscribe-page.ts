/**
 * The page the web app shows after an unsubscribe click: one short message in the customer's
 * language. Everything that varies is escaped; the page has no script and loads nothing.
 */
import type { UnsubscribeLanguage } from '../core/unsubscribe/language';
import { UNSUBSCRIBE_TEXTS } from '../core/unsubscribe/texts';
import { escapeHtml } from '../core/templates/markdown';

export type UnsubscribeOutcome =
  { kind: 'done'; email: string } | { kind: 'invalid' } | { kind: 'unavailable' };

export interface UnsubscribePage {
  title: string;
  html: string;
}

export function unsubscribePage(outcome: UnsubscribeOutcome, lang: UnsubscribeLanguage): UnsubscribePage {
  const t = UNSUBSCRIBE_TEXTS[lang];
  const [title, body] =
    outcome.kind === 'done'
      ? [t.doneTitle, escapeHtml(t.doneBody).replace('{email}', `<b>${escapeHtml(outcome.email)}</b>`)]
      : outcome.kind === 'invalid'
        ? [t.invalidTitle, escapeHtml(t.invalidBody)]
        : [t.unavailableTitle, escapeHtml(t.unavailableBody)];
  const html =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:Arial,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;color:#202124}' +
    'h1{font-size:1.4em}</style></head>' +
    `<body><main data-outcome="${outcome.kind}"><h1>${escapeHtml(title)}</h1><p>${body}</p></main></body></html>`;
  return { title, html };
}
