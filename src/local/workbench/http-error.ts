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

/**
 * A sheet file changed on disk while the workbench changed the same tab in memory. Neither side is
 * written over: the file keeps what was typed into it, the workbench's version is kept aside.
 */
export class SheetConflictError extends Error {
  constructor(
    readonly files: readonly string[],
    readonly keptAside: readonly string[],
  ) {
    super(
      `${files.join(', ')} changed on disk while the workbench changed it too; the file was not ` +
        `overwritten and now shows your edit. The workbench's version is in ${keptAside.join(', ')}.`,
    );
    this.name = 'SheetConflictError';
  }
}
