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

/**
 * A value the user typed or picked that cannot be used: answered with a toast that names the field,
 * over the card they are filling in, never with a problem card that takes the form away.
 */
export class BadInputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'BadInputError';
  }
}
