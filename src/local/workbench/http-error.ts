/**
 * An error the workbench server answers with its own status and a message fit for the client. Any
 * other error is a bug: the client gets a bare 500 and the details go to the console, never a stack.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A click wired as no card of ours wires it: a compose request for a plain action, or the reverse. */
export class MiswiredRequestError extends Error {
  constructor(action: string, kind: string) {
    super(
      `action "${action}" cannot be called as a ${kind === 'compose' ? 'compose action' : 'plain action'}`,
    );
    this.name = 'MiswiredRequestError';
  }
}
