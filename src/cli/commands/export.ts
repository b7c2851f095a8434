/**
 * What `sync` and `demo` share: wire the HTTP client, state, sink and progress display to the engine, run
 * it, print the summary and decide the exit code.
 */
import { ConfigError } from "../../errors.ts";
import type { StateLocation } from "../../engine/future-cursor.ts";
import type { ReportRunOptions } from "../../engine/reports/report-settings.ts";
import { keyFiles } from "../../state/key-files.ts";
import { runtime } from "../../runtime/mod.ts";
import type { Settings } from "../../settings/schema.ts";
import { acquireLock } from "../../state/mod.ts";
import type { StreamDefinition } from "../../streams/types.ts";
import type { Output } from "../../outputs/output.ts";
import { outputEntry, ownStateLocation, shellWord } from "../../outputs/registry.ts";
import type { Logger } from "../report/logger.ts";
import { openRunState, type RunState } from "../../state/run-state.ts";
import { refuseStateAsOutput } from "../../state/state-path-check.ts";
import { reportRun, runWithProgress } from "../report/run-with-progress.ts";

/** What `sync` and `demo` export, and where to: the run's Settings plus the output side the engine does not see. */
export interface ExportConfig {
  settings: Settings;
  streams: readonly StreamDefinition[];
  /** No state file at all (demo). */
  statePath?: string;
  /** Where the records go (outputs/output.ts). */
  output: Output;
  /** demo: refuse a database that does not say it holds this same workspace. */
  ownOutputOnly?: boolean;
  /** The reporting datasets named in --streams (report_<id>, or reports for all). */
  reports?: ReportRunOptions;
}

export async function runExport(config: ExportConfig, logger: Logger): Promise<number> {
  const { settings, output } = config;
  const entry = outputEntry(output);
  if (settings.since !== undefined && settings.since > Date.now() / 1000) {
    const since = new Date(settings.since * 1000).toISOString().replace(/\.000Z$/, "Z");
    throw new ConfigError(`--since ${since} is in the future: nothing would be exported. Give a past date, e.g. 2024-01-01.`);
  }
  const file = entry.file?.(output);
  if (config.statePath !== undefined && file) await refuseStateAsOutput(config.statePath, [file]);
  if (entry.writesStdout && runtime.stdoutIsClosed()) {
    throw new ConfigError(
      "stdout is closed (>&-): every record would be lost while the state moves past it. Send stdout to a file or " +
        "a pipe, or write with --output FILE or --sqlite FILE.",
    );
  }
  const say = (line: string) => logger.warn(line);
  const lock = config.statePath ? await acquireLock(config.statePath, { host: runtime.hostname(), onTakeOver: say, onLost: say }) : undefined;
  let opened: RunState | undefined;
  try {
    const state = await openRunState(
      {
        statePath: config.statePath,
        output: entry.runState(output),
        ownOutputOnly: config.ownOutputOnly,
        baseUrl: settings.baseUrl,
        since: settings.since,
        fullRefresh: settings.fullRefresh,
        streams: config.streams.map((stream) => stream.name),
        intercomVersion: settings.intercomVersion,
      },
      logger,
    );
    opened = state;
    const { sink, store } = entry.openSink(output, state);
    const result = await runWithProgress(settings, logger, {
      sink,
      store,
      ...stateLocation(config),
      // Key lists an earlier version kept beside the state file (companies): read once more, then removed.
      ...(config.statePath ? { keys: keyFiles(config.statePath) } : {}),
      streams: config.streams,
      ...(config.reports ? { reports: config.reports } : {}),
      onWorkspace: state.bind,
    });
    await state.finish(result);
    return reportRun(result, logger);
  } finally {
    await opened?.close();
    await lock?.release();
  }
}

/** Where the state that counts lives (an output's own, else the state file), as a warning names it and `state reset` finds it. */
function stateLocation(config: ExportConfig): { stateLocation?: StateLocation } {
  const own = outputEntry(config.output).ownState?.carried(config.output);
  if (own) return { stateLocation: ownStateLocation(own) };
  if (config.statePath !== undefined) {
    return { stateLocation: { name: `the state file ${config.statePath}`, flags: `--state ${shellWord(config.statePath)}` } };
  }
  return {};
}
