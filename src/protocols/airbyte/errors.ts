/** Any error → the Airbyte TRACE ERROR a connector reports it with, failure_type chosen by who can fix it. */
import { AuthError, CancelledError, ConfigError, PermissionError, StateError, TransientError } from "../../errors.ts";
import { type AirbyteFailureType, type AirbyteMessage, airbyteTraceError } from "../../sinks/airbyte.ts";

export function failureType(error: unknown): AirbyteFailureType {
  if (error instanceof AuthError || error instanceof PermissionError || error instanceof ConfigError || error instanceof StateError) {
    return "config_error";
  }
  if (error instanceof TransientError || error instanceof CancelledError) return "transient_error";
  return "system_error";
}

export function traceFor(error: unknown, now: number, stream?: string): AirbyteMessage {
  const message = error instanceof Error ? error.message : String(error);
  return airbyteTraceError(
    {
      message,
      internalMessage: error instanceof Error ? error.name : undefined,
      stackTrace: error instanceof Error && failureType(error) === "system_error" ? error.stack : undefined,
      failureType: failureType(error),
      stream,
    },
    now,
  );
}
