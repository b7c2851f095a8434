/**
 * `intercom-sync singer`: a Singer tap. `--discover` prints the catalog; otherwise the streams the catalog selects
 * (all without one) are read from the `--state` bookmarks on, as SCHEMA, RECORD and STATE messages on stdout —
 * a STATE after every checkpoint, whose value `--state` takes back. Logs and the summary go to stderr. No state
 * file is written: the orchestrator (Meltano) keeps the last STATE.
 */
import type { InferValue } from "@optique/core/parser";
import { createLogger } from "../logger.ts";
import { reportRun, runWithProgress } from "../run-with-progress.ts";
import { memoryStateStore } from "../../engine/state-store.ts";
import { ConfigError } from "../../errors.ts";
import { runtime } from "../../runtime/mod.ts";
import { DEFAULT_STREAMS } from "../../streams/select.ts";
import { TOOL_NAME, TOOL_VERSION } from "../../version.ts";
import { loadStateInput, NO_STATE } from "../../protocols/airbyte/state-input.ts";
import { planResume, refusal } from "../../protocols/resume-plan.ts";
import { loadSelection, newRecordsOnly, type SelectedStreams, singerCatalog } from "../../protocols/singer/catalog.ts";
import { loadSingerConfig } from "../../protocols/singer/config.ts";
import { createSingerOutput } from "../../protocols/singer/output.ts";
import type { singerParser } from "../../protocols/singer/parser.ts";
import { aboutText } from "../../protocols/singer/about.ts";

export type SingerCommand = InferValue<typeof singerParser>;

export async function singerTap(options: SingerCommand): Promise<number> {
  if (options.about) {
    await writeStdout(aboutText(options.format));
    return 0;
  }
  const logger = createLogger({ format: "text", quiet: false, verbose: false });
  const settings = await loadSingerConfig(options.config, { requireToken: !options.discover });
  if (options.discover) {
    await writeStdout(`${JSON.stringify(singerCatalog(), null, 2)}\n`);
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

  const { sink, store } = createSingerOutput(runtime.stdout(), memoryStateStore(plan.initial), Date.now, input.raw, selection.fields);
  logger.info(`${TOOL_NAME} ${TOOL_VERSION}: reading ${selection.streams.map((stream) => stream.name).join(", ")}`);
  const result = await runWithProgress(settings, logger, { sink, store, streams: selection.streams, newRecordsOnly: newRecordsOnly(selection) });
  return reportRun(result, logger);
}

async function writeStdout(text: string): Promise<void> {
  const out = runtime.stdout().getWriter();
  try {
    await out.write(new TextEncoder().encode(text));
  } finally {
    out.releaseLock();
  }
}
