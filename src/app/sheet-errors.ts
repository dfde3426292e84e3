/**
 * Sheet problems the user can fix, turned into cards that say how: a sheet gone or unshared, a
 * renamed tab, a missing email column, changed headers. Its own module so every reader of the sheet
 * (the sidebar, the whole-sheet operations) uses it without importing the sidebar's handlers.
 */
import { MappingError } from '../core/sheet/columns';
import { SheetAccessError } from '../ports/customer-sheet';
import { UserFacingError } from './errors';

const SHEET_FIXES: Record<SheetAccessError['problem'], [string, string]> = {
  'spreadsheet-not-found': [
    'Customer sheet not found',
    'It may have been deleted or moved to the trash. Restore it, or connect another sheet in Settings.',
  ],
  'no-access': [
    'No access to the customer sheet',
    'Ask the sheet’s owner to share it with you (Editor), or connect another sheet in Settings.',
  ],
  'tab-not-found': [
    'Customer tab not found',
    'Rename the tab back, or pick the tab that lists your customers in Settings.',
  ],
  'no-email-column': [
    'No email column',
    'Name the column that holds customer emails "Email", or map it in Settings.',
  ],
};

/** Runs a sheet operation, turning what the user can fix into a card that says how. */
export function withSheet<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SheetAccessError) {
      const [title, fix] = SHEET_FIXES[error.problem];
      throw new UserFacingError(title, error.message, fix);
    }
    if (error instanceof MappingError) {
      throw new UserFacingError(
        'The customer sheet’s columns changed',
        error.message,
        'Fix the header row, or update the column mapping in Settings.',
      );
    }
    throw error;
  }
}
