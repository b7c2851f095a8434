/** Turns any error into the one-line message and exit code the user sees: the only place that does. */
import { AuthError, BrokenPipeError, CancelledError, ConfigError, PermissionError, TimeLimitError } from "../errors.ts";
import { EXIT } from "./exit-codes.ts";

export interface Failure {
  message: string;
  exitCode: number;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof BrokenPipeError) return { message: "", exitCode: EXIT.ok };
  if (error instanceof TimeLimitError) return { message: error.message, exitCode: EXIT.timeLimit };
  if (error instanceof CancelledError) {
    if (error.signal === "SIGTERM") return { message: "terminated (SIGTERM); the state holds everything written so far", exitCode: EXIT.terminated };
    return { message: "interrupted; the state holds everything written so far", exitCode: EXIT.interrupted };
  }
  if (error instanceof AuthError) {
    // The HTTP layer's message already says what to do with the token; a 401 can also mean the wrong region.
    const region = error.status === 401 ? " A token is refused by another region's API too: check --region us|eu|au." : "";
    return { message: `${error.message}${region}`, exitCode: EXIT.auth };
  }
  if (error instanceof PermissionError) return { message: error.message, exitCode: EXIT.auth };
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.usage };
  const exitCode = (error as { exitCode?: unknown } | null)?.exitCode;
  if (typeof exitCode === "number") return { message: (error as Error).message, exitCode };
  if (error instanceof Error) return { message: error.message, exitCode: EXIT.failure };
  return { message: String(error), exitCode: EXIT.failure };
}
