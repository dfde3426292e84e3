/**
 * Errors a user can cause or fix (a deleted sheet, revoked access, a renamed column) carry
 * what happened and how to fix it, so the card shows that instead of a stack trace.
 */
export class UserFacingError extends Error {
  constructor(
    readonly title: string,
    readonly detail: string,
    readonly fix: string,
  ) {
    super(`${title}: ${detail}`);
    this.name = 'UserFacingError';
  }
}
