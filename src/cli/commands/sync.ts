/** `intercom-sync [sync]`: the flags (and config file) as Settings, then export. */
import { splitStreamNames } from "../../streams/report-names.ts";
import { selectStreams } from "../../streams/select.ts";
import { cliSettings } from "../connection/resolve-settings.ts";
import { createLogger } from "../report/logger.ts";
import { runExport } from "./export.ts";
import { parseOutput } from "../../outputs/output.ts";
import { outputEntry } from "../../outputs/registry.ts";
import type { SyncCommand } from "../args/parser.ts";

export async function syncCommand(options: SyncCommand): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const settings = cliSettings(options, logger, {
    since: options.since,
    fullRefresh: options.fullRefresh,
    lookbackDays: options.lookbackDays,
    searchLagMinutes: options.searchLagMinutes,
    windowDays: options.windowDays,
    activityLogsWindowDays: options.activityLogsWindowDays,
    concurrency: options.concurrency,
    failFast: options.failFast,
    omitInternalNotes: options.omitInternalNotes,
    customObjectTypes: options.customObjectTypes,
    maxDuration: options.maxDuration,
  });
  const output = parseOutput(options);
  // report_<dataset> and `reports` are opt-in; naming only those exports nothing else.
  const split = splitStreamNames(options.streams);
  const { datasets } = split;
  // An output may imply streams (--markdown-dir: the documents) or refuse ones it cannot hold.
  const catalog = outputEntry(output).streams?.(split.catalog, datasets !== undefined) ?? split.catalog;
  const streams = catalog === undefined || catalog.length > 0 ? selectStreams(catalog) : [];
  // Opt-in: the types mean nothing unless the stream is read; said, not refused (a config file may hold them).
  if (options.customObjectTypes !== undefined && !streams.some((stream) => stream.name === "custom_object_instances")) {
    logger.warn("--custom-object-types is ignored: custom_object_instances is not among the streams (add it to --streams)");
  }
  return runExport(
    {
      settings,
      streams,
      ...(datasets
        ? {
          reports: {
            datasets,
            attributes: options.reportAttributes,
            windowDays: options.reportWindowDays,
            reexportDays: options.reportReexportDays,
            pendingJobs: options.reportPendingJobs,
          },
        }
        : {}),
      statePath: options.state,
      output,
    },
    logger,
  );
}
