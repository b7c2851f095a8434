/**
 * `intercom-sync singer`: a Singer tap. `--discover` prints the catalog; otherwise the streams the catalog selects
 * (all without one) are read from the `--state` bookmarks on, as SCHEMA, RECORD and STATE messages on stdout —
 * a STATE after every checkpoint, whose value `--state` takes back. Logs and the summary go to stderr. No state
 * file is written: the orchestrator (Meltano) keeps the last STATE. The CLI gives it its logger and its way of
 * running the engine with a progress display (src/cli/commands/singer.ts), so this layer does not import the CLI.
 */
import type { InferValue } from "@optique/core/parser";
import type { SyncOptions } from "../../engine/run-sync.ts";
import { memoryStateStore } from "../../engine/state-store.ts";
import type { Settings } from "../../settings/schema.ts";
import { ConfigError } from "../../errors.ts";
import { runtime } from "../../runtime/mod.ts";
import { DEFAULT_STREAMS } from "../../streams/select.ts";
import { TOOL_NAME, TOOL_VERSION } from "../../version.ts";
import { loadStateInput, NO_STATE } from "../airbyte/state-input.ts";
import { reportProgress, reportStreamInfos } from "../report-catalog.ts";
import { loadReportConfig } from "../report-config.ts";
import { planResume, refusal } from "../resume-plan.ts";
import { loadSelection, newRecordsOnly, type SelectedStreams, singerCatalog } from "./catalog.ts";
import { DISCOVER_WITHOUT_TOKEN, loadSingerConfig } from "./config.ts";
import { createSingerOutput } from "./output.ts";
import type { singerParser } from "./parser.ts";
import { aboutText } from "./about.ts";

export type SingerCommand = InferValue<typeof singerParser>;

/** What the tap needs from the command line that runs it. */
export interface TapHost {
  /** Messages for stderr. */
  logger: { info(line: string): void; warn(line: string): void };
  /** Run the engine on these parts, reporting progress and the summary; the exit code. */
  run(settings: Settings, parts: Omit<SyncOptions, "client" | "signal" | "onEvent" | "onHttpEvent">): Promise<number>;
}

export async function singerTap(options: SingerCommand, host: TapHost): Promise<number> {
  if (options.about) {
    await writeStdout(aboutText(options.format));
    return 0;
  }
  const { logger } = host;
  const settings = await loadSingerConfig(options.config, { requireToken: !options.discover });
  if (options.discover) {
    // The workspace's reporting datasets too, when the config's token can list them.
    const { attributes } = await loadReportConfig(options.config);
    const reports = settings.token !== DISCOVER_WITHOUT_TOKEN ? await reportStreamInfos(settings, (message) => logger.warn(message), attributes) : [];
    await writeStdout(`${JSON.stringify(singerCatalog(reports), null, 2)}\n`);
    return 0;
  }
  if (options.catalog !== undefined && options.properties !== undefined) throw new ConfigError("give --catalog or --properties, not both");
  const catalogPath = options.catalog ?? options.properties;
  const selection: SelectedStreams = catalogPath
    ? await loadSelection(catalogPath)
    : { streams: [...DEFAULT_STREAMS], fullRefresh: new Set(), fields: new Map() };
  const input = options.state ? await loadStateInput(options.state) : NO_STATE;
  const plan = planResume(input, selection.streams, selection.fullRefresh);
  for (const warning of plan.warnings) logger.warn(warning);
  if (plan.refused.length > 0) {
    throw new ConfigError(
      refusal(
        plan.refused,
        'to read them from start_date, run without --state (meltano: --full-refresh) or set "replication-method": "FULL_TABLE" in their catalog metadata',
      ),
    );
  }

  const datasets = selection.reportDatasets ?? [];
  // Report streams resume from the cursor their bookmark carries.
  for (const dataset of datasets) {
    const name = `report_${dataset}`;
    const progress = selection.fullRefresh.has(name) ? undefined : reportProgress(input.raw[name]);
    if (progress) plan.initial[name] = progress;
  }
  const { sink, store } = createSingerOutput(runtime.stdout(), memoryStateStore(plan.initial), Date.now, input.raw, selection.fields);
  const reading = [...selection.streams.map((stream) => stream.name), ...datasets.map((dataset) => `report_${dataset}`)];
  logger.info(`${TOOL_NAME} ${TOOL_VERSION}: reading ${reading.join(", ")}`);
  return host.run(settings, {
    sink,
    store,
    streams: selection.streams,
    newRecordsOnly: newRecordsOnly(selection),
    ...(datasets.length > 0 ? { reports: { datasets, ...await loadReportConfig(options.config) } } : {}),
  });
}

async function writeStdout(text: string): Promise<void> {
  const out = runtime.stdout().getWriter();
  try {
    await out.write(new TextEncoder().encode(text));
  } finally {
    out.releaseLock();
  }
}
