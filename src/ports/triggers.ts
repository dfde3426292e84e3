/**
 * The user's time-driven trigger. Add-ons may run a time trigger at most hourly, so ChurnGuard keeps
 * one hourly trigger while there is background work (a campaign to continue, the daily scan) and
 * removes it when there is none.
 */
export interface Triggers {
  /** Whether the hourly trigger calling `handler` is installed for this user. */
  hasHourly(handler: string): boolean;
  installHourly(handler: string): void;
  removeAll(handler: string): void;
}
