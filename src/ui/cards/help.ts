import type { Card } from '../card/types';

export function helpCard(): Card {
  return {
    name: 'help',
    header: { title: 'ChurnGuard help' },
    sections: [
      {
        header: 'What ChurnGuard does',
        widgets: [
          {
            kind: 'textParagraph',
            text: 'Open a customer’s email and ChurnGuard shows who they are, how likely they are to leave and why, and the next best retention move.',
          },
        ],
      },
      {
        header: 'Your data',
        widgets: [
          {
            kind: 'textParagraph',
            text: 'Customers, notes and campaign logs live in your own Google Sheet. ChurnGuard sends nothing outside your Google account.',
          },
        ],
      },
    ],
  };
}
