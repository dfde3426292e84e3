/**
 * The contextual card for an open message. At this stage it identifies the sender; the customer's
 * risk, reasons and next best action are added by the sidebar work.
 */
import type { Card } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton } from './common';
import { emailSaysSection, type EmailSaysItem } from './customer';

export interface MessageCardState {
  senderName: string;
  senderEmail: string;
  subject: string;
  sheetConnected: boolean;
  emailSays?: EmailSaysItem[];
  /** With the BigQuery store: where to add the sender instead (no add button; the store is the team's). */
  addElsewhere?: string;
}

export function messageCard(state: MessageCardState): Card {
  return {
    name: 'message',
    header: { title: state.senderName || state.senderEmail, subtitle: state.senderEmail },
    sections: [
      {
        widgets: [
          {
            kind: 'decoratedText',
            topLabel: 'Subject',
            text: state.subject || '(no subject)',
            wrapText: true,
            icon: 'EMAIL',
          },
          state.sheetConnected
            ? {
                kind: 'textParagraph',
                text: `${state.senderEmail} is not in your customer ${state.addElsewhere ? 'table' : 'sheet'}, and no customer shares its company domain.`,
              }
            : {
                kind: 'textParagraph',
                text: 'Connect your customer sheet to see this customer’s churn risk here.',
              },
        ],
      },
      ...emailSaysSection(state.emailSays),
      ...(state.addElsewhere
        ? [{ widgets: [{ kind: 'textParagraph' as const, text: state.addElsewhere }] }]
        : state.sheetConnected
          ? [
              {
                widgets: [
                  {
                    kind: 'buttonSet' as const,
                    buttons: [
                      actionButton('Add to customer sheet', ACTION.addCustomer, {
                        email: state.senderEmail,
                        name: state.senderName,
                      }),
                    ],
                  },
                ],
              },
            ]
          : [
              {
                widgets: [
                  {
                    kind: 'buttonSet' as const,
                    buttons: [actionButton('Connect a sheet', ACTION.openSettings, undefined, 'filled')],
                  },
                ],
              },
            ]),
    ],
  };
}
