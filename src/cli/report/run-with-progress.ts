/**
 * What every command that runs a sync shares (`sync`, `demo`, the Singer tap): connect, show progress, run the
 * engine, and turn the result into a summary, one error line and the exit code.
 */
import { runSync, type SyncOptions, type SyncResult } from "../../engine/run-sync.ts";
import type { CancelledError } from "../../errors.ts";
import { AuthError, BrokenPipeError, PermissionError } from "../../errors.ts";
import { schemasFor } from "../../streams/schemas.ts";
import { connect } from "../../settings/connect.ts";
import { engineSettings, type Settings } from "../../settings/schema.ts";
import { DEFAULT_STREAMS } from "../../streams/select.ts";
import { EXIT } from "../exit-codes.ts";
import { describeFailure } from "../failure.ts";
import type { Logger } from "./logger.ts";
import { createProgress } from "./progress.ts";
import { printSummary } from "./summary.ts";

/** What the caller adds to the run: its sink, store and streams, and hooks of its own. */
export type RunParts = Omit<SyncOptions, "client" | "signal" | "onEvent" | "onHttpEvent">;

/** Run the engine with the settings' client, signals and time limit, with progress on stderr. */
export async function runWithProgress(settings: Settings, logger: Logger, parts: RunParts): Promise<SyncResult> {
  const progress = createProgress(logger, { plannedStreams: (parts.streams ?? DEFAULT_STREAMS).length });
  const connection = connect(settings, { retries: "run", onEvent: progress.onHttpEvent });
  let result: SyncResult;
  try {
    result = await runSync({
      ...engineSettings(settings),
      schemas: schemasFor(settings.intercomVersion),
      ...parts,
      client: connection.client,
      signal: connection.signal,
      onEvent: progress.onEngineEvent,
      onHttpEvent: progress.onHttpEvent,
    });
  } finally {
    connection.close();
    progress.stop();
  }
  // Whatever the engine stopped with after a signal or the time limit, that is the reason the run ended.
  if (connection.signal.aborted && result.fatal) result = { ...result, fatal: connection.signal.reason as CancelledError };
  return result;
}

/** Print the summary and the error that stopped the run (once), and return the exit code. */
export function reportRun(result: SyncResult, logger: Logger): number {
  const exitCode = exitCodeFor(result);
  if (result.fatal instanceof BrokenPipeError) return exitCode;
  printSummary(result, logger);
  if (result.fatal && exitCode !== EXIT.ok) logger.error(describeFailure(result.fatal).message);
  return exitCode;
}

export function exitCodeFor(result: SyncResult): number {
  if (result.fatal) return describeFailure(result.fatal).exitCode;
  if (result.outcome === "ok") return EXIT.ok;
  const failed = result.streams.filter((stream) => stream.outcome !== "ok");
  const anyOk = failed.length < result.streams.length;
  if (anyOk) return EXIT.partial;
  const permissionOnly = failed.every((stream) => stream.error instanceof PermissionError || stream.error instanceof AuthError);
  return permissionOnly ? EXIT.auth : EXIT.failure;
}
