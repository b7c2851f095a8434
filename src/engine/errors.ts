/** A response was 2xx and valid JSON but not shaped as the stream expects (never retried: it would not change). */
export class MalformedPageError extends Error {
  override name = "MalformedPageError";
  constructor(
    readonly stream: string,
    detail: string,
  ) {
    super(`Intercom sent a response for ${stream} that intercom-sync cannot read: ${detail}`);
  }
}

// Cancellation crosses layers (the CLI maps it to 130/143/5): defined in src/errors.ts, re-exported here.
export { CancelledError, TimeLimitError } from "../errors.ts";
