import type { Card } from '../../ui/card/types';
import { messageCard } from '../../ui/cards/message';
import { parseAddress } from '../../core/email/address';
import type { AppContext } from '../context';
import type { AddonEvent } from '../events';
import { UserFacingError } from '../errors';
import { loadSettings } from '../settings-store';

export function buildMessageCards(ctx: AppContext, event: AddonEvent): Card[] {
  const messageId = event.gmail?.messageId;
  const token = event.gmail?.accessToken;
  if (!messageId || !token) {
    throw new UserFacingError(
      'No message to read',
      'Gmail opened ChurnGuard without a message ID or access token.',
      'Close and reopen the email. If it keeps happening, reinstall the add-on so Gmail grants it message access.',
    );
  }
  const message = ctx.mailbox.openMessage(messageId, token);
  const sender = parseAddress(message.from);
  const { settings } = loadSettings(ctx.userStore);
  return [
    messageCard({
      senderName: sender?.name ?? '',
      senderEmail: sender?.email ?? message.from,
      subject: message.subject,
      sheetConnected: Boolean(settings.spreadsheetId),
    }),
  ];
}
