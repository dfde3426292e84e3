/**
 * The homepage: what the manager sees with no message open. For now it says whether a customer
 * sheet is connected and leads to Settings; the portfolio view grows here in later work.
 */
import type { Card } from '../card/types';
import { ACTION } from '../action-names';
import { BRAND_LOGO, actionButton, linkButton } from './common';

export interface HomepageState {
  userEmail: string;
  sheet?: { name: string; url: string; customerSheet: string };
}

export function homepageCard(state: HomepageState): Card {
  const connection = state.sheet
    ? {
        header: 'Customer sheet',
        widgets: [
          {
            kind: 'decoratedText' as const,
            topLabel: 'Connected',
            text: state.sheet.name,
            bottomLabel: `Customers are read from the "${state.sheet.customerSheet}" tab`,
            icon: 'DESCRIPTION' as const,
            button: linkButton('Open', state.sheet.url),
          },
          {
            kind: 'buttonSet' as const,
            buttons: [actionButton('Score all customers', ACTION.rescoreAll)],
          },
        ],
      }
    : {
        header: 'Get started',
        widgets: [
          {
            kind: 'textParagraph' as const,
            text: 'Connect the Google Sheet that lists your customers. ChurnGuard reads it to score churn risk beside every email; your data stays in your Google account.',
          },
          {
            kind: 'buttonSet' as const,
            buttons: [actionButton('Connect a sheet', ACTION.openSettings, undefined, 'filled')],
          },
        ],
      };
  return {
    name: 'home',
    header: {
      title: 'ChurnGuard',
      subtitle: state.userEmail || 'Churn risk beside every email',
      imageUrl: BRAND_LOGO,
    },
    sections: [
      connection,
      {
        widgets: [
          {
            kind: 'buttonSet',
            buttons: [actionButton('Settings', ACTION.openSettings), actionButton('Help', ACTION.openHelp)],
          },
        ],
      },
    ],
  };
}
