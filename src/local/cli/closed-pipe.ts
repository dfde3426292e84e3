/**
 * `churnguard score … | head` closes the pipe after a few lines; the next write fails with EPIPE,
 * which Node raises as an unhandled 'error' event and a stack trace. A reader that has seen enough is
 * not an error: stop quietly, as Unix tools do. Any other write error still surfaces.
 */
export interface WritableLike {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export function exitQuietlyOnClosedPipe(
  streams: readonly WritableLike[],
  exit: (code: number) => void,
): void {
  for (const stream of streams)
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') return exit(0);
      throw error;
    });
}
