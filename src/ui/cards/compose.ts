/**
 * The compose window's "Insert retention offer": for the customer the draft is addressed to, the
 * recommended move and a template picker; Insert merges it into the draft at the cursor.
 */
import { ACTION } from '../action-names';
import type { Card, Widget } from '../card/types';
import { actionButton } from './common';

export const COMPOSE_FIELDS = { template: 'offerTemplate', subject: 'offerSubject' } as const;

export interface ComposeState {
  /** Absent when no recipient of the draft is a customer. */
  customer?: { email: string; name: string; detail: string };
  recipients: string[];
  move?: { label: string; reasons: string[] };
  templates: { name: string; selected: boolean }[];
  sheetConnected: boolean;
}

export function composeCard(state: ComposeState): Card {
  if (!state.sheetConnected)
    return {
      name: 'compose',
      header: { title: 'Insert retention offer' },
      sections: [
        { widgets: [{ kind: 'textParagraph', text: 'Connect your customer sheet in Settings first.' }] },
      ],
    };
  if (!state.customer)
    return {
      name: 'compose',
      header: { title: 'Insert retention offer' },
      sections: [
        {
          widgets: [
            {
              kind: 'textParagraph',
              text: state.recipients.length
                ? `None of ${state.recipients.join(', ')} is in your customer sheet. Address the draft to a customer, then open this again.`
                : 'Add a customer to the To field first: the offer is written for them.',
            },
          ],
        },
      ],
    };
  const widgets: Widget[] = [
    {
      kind: 'decoratedText',
      topLabel: 'For',
      text: state.customer.name || state.customer.email,
      bottomLabel: state.customer.detail,
      wrapText: true,
      icon: 'PERSON',
    },
  ];
  if (state.move)
    widgets.push({
      kind: 'decoratedText',
      topLabel: 'Next best move',
      text: [{ text: state.move.label, bold: true }],
      bottomLabel: state.move.reasons.join(' '),
      wrapText: true,
      icon: 'OFFER',
    });
  if (state.templates.length === 0) {
    widgets.push({ kind: 'textParagraph', text: 'The Templates tab has no templates yet.' });
    return { name: 'compose', header: { title: 'Insert retention offer' }, sections: [{ widgets }] };
  }
  widgets.push(
    {
      kind: 'selectionInput',
      name: COMPOSE_FIELDS.template,
      label: 'Template',
      type: 'dropdown',
      items: state.templates.map((t) => ({ text: t.name, value: t.name, selected: t.selected })),
    },
    {
      kind: 'selectionInput',
      name: COMPOSE_FIELDS.subject,
      label: 'Subject',
      type: 'checkBox',
      items: [{ text: 'Also set the subject from the template', value: 'on', selected: false }],
    },
    {
      kind: 'buttonSet',
      buttons: [actionButton('Insert', ACTION.insertOffer, { email: state.customer.email }, 'filled')],
    },
  );
  return { name: 'compose', header: { title: 'Insert retention offer' }, sections: [{ widgets }] };
}
