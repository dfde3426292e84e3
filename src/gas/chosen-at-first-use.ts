/**
 * A mailer whose choice is made at its first send or quota read, once per execution: opening a card
 * never reads the sender settings, and a campaign run reads them once. Shared by the real sender
 * choice and the one a default build puts in its place (opt-in-absent/sender-choice.ts).
 */
import type { Mailer } from '../ports/mailer';

export function mailerChosenAtFirstUse(choose: () => Mailer): Mailer {
  let chosen: Mailer | null = null;
  const pick = () => (chosen ??= choose());
  return {
    send: (email) => pick().send(email),
    remainingQuota: () => pick().remainingQuota(),
    batchSize: () => pick().batchSize?.() ?? null,
    sendBatch: (emails) => {
      const sendBatch = pick().sendBatch;
      // The runner asks batchSize first and calls sendBatch only when it is set.
      if (!sendBatch) throw new Error('This sender sends one email at a time.');
      return sendBatch(emails);
    },
  };
}
