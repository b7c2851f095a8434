/** Turns any error into the one-line message and exit code the user sees: the only place that does. */
import { CancelledError, TimeLimitError } from "../engine/errors.ts";
import { AuthError, ConfigError, PermissionError } from "../http/errors.ts";
import { BrokenPipeError } from "../runtime/types.ts";
import { EXIT } from "./exit-codes.ts";

export interface Failure {
  message: string;
  exitCode: number;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof BrokenPipeError) return { message: "", exitCode: EXIT.ok };
  if (error instanceof TimeLimitError) return { message: error.message, exitCode: EXIT.timeLimit };
  if (error instanceof CancelledError) return { message: "interrupted; state holds everything written so far", exitCode: EXIT.interrupted };
  if (error instanceof AuthError) {
    return {
      message: `${error.message}. Check INTERCOM_ACCESS_TOKEN (Developer Hub > your app > Authentication) and the region (--region us|eu|au).`,
      exitCode: EXIT.auth,
    };
  }
  if (error instanceof PermissionError) return { message: error.message, exitCode: EXIT.auth };
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.usage };
  const exitCode = (error as { exitCode?: unknown } | null)?.exitCode;
  if (typeof exitCode === "number") return { message: (error as Error).message, exitCode };
  if (error instanceof Error) return { message: error.message, exitCode: EXIT.failure };
  return { message: String(error), exitCode: EXIT.failure };
}
