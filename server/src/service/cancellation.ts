// The host's cancellation token (LSP's CancellationToken fits this shape).
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: Cancellation = { isCancellationRequested: false };

export class CancelledError extends Error {
  constructor() {
    super('Request cancelled');
  }
}

export function throwIfCancelled(token: Cancellation): void {
  if (token.isCancellationRequested) throw new CancelledError();
}
