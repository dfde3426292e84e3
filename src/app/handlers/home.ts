import type { Card } from '../../ui/card/types';
import { homepageCard } from '../../ui/cards/homepage';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { UserFacingError } from '../errors';

export function buildHomepage(ctx: AppContext): Card {
  const { settings } = loadSettings(ctx.userStore);
  if (!settings.spreadsheetId) return homepageCard({ userEmail: ctx.session.email() });
  const opened = ctx.spreadsheets.open(settings.spreadsheetId);
  if (!opened.ok) {
    throw new UserFacingError(
      opened.reason === 'not-found' ? 'Customer sheet not found' : 'No access to the customer sheet',
      opened.message,
      opened.reason === 'not-found'
        ? 'It may have been deleted or moved to the trash. Restore it, or connect another sheet in Settings.'
        : 'Ask the sheet’s owner to share it with you (Editor), or connect another sheet in Settings.',
    );
  }
  return homepageCard({
    userEmail: ctx.session.email(),
    sheet: {
      name: opened.spreadsheet.name,
      url: opened.spreadsheet.url,
      customerSheet: settings.customerSheet,
    },
  });
}
