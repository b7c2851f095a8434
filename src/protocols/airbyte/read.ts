/**
 * `airbyte read --config --catalog [--state]`: the selected streams as RECORD messages, per-stream STATE
 * after the records each covers, STREAM_STATUS traces, LOG messages for warnings, and a TRACE ERROR per failed
 * stream (and for a failure that stopped the run). Exit 0 only when every selected stream synced.
 */
import { ConfigError } from "../../errors.ts";
import { runSync } from "../../engine/run-sync.ts";
import { memoryStateStore } from "../../engine/state-store.ts";
import type { HttpEvent } from "../../http/types.ts";
import { connect } from "../../settings/connect.ts";
import { engineSettings } from "../../settings/schema.ts";
import { airbyteLogMessage, type AirbyteMessage } from "../../sinks/airbyte.ts";
import { TOOL_NAME, TOOL_VERSION } from "../../version.ts";
import type { MessageWriter } from "../message-writer.ts";
import { mismatchSummary } from "../mismatch-summary.ts";
import { reportProgress } from "../report-catalog.ts";
import { loadReportConfig } from "../report-config.ts";
import { planResume, refusal } from "../resume-plan.ts";
import { loadAirbyteConfig } from "./config.ts";
import { loadConfiguredCatalog } from "./configured-catalog.ts";
import { traceFor } from "./errors.ts";
import { createAirbyteReadOutput } from "./read-output.ts";
import { loadStateInput, NO_STATE } from "./state-input.ts";

export interface ReadArgs {
  config: string;
  catalog: string;
  state?: string;
}

export async function airbyteRead(args: ReadArgs, out: MessageWriter): Promise<number> {
  const settings = await loadAirbyteConfig(args.config);
  const catalog = await loadConfiguredCatalog(args.catalog);
  const input = args.state ? await loadStateInput(args.state) : NO_STATE;
  const plan = planResume(input, catalog.streams, catalog.fullRefresh);
  const early: AirbyteMessage[] = plan.warnings.map((warning) => airbyteLogMessage("WARN", warning));
  if (catalog.servedInFull.length > 0) {
    const names = catalog.servedInFull.join(", ");
    early.push(
      airbyteLogMessage(
        "WARN",
        `the catalog asks incremental for streams read in full on every run (discover offers them full_refresh only), read in full: ${names}`,
      ),
    );
  }
  if (plan.refused.length > 0) {
    await out.write(early);
    throw new ConfigError(
      refusal(
        plan.refused,
        "to read them from start_date, set their sync_mode to full_refresh in the configured catalog (or reset the connection's state)",
      ),
    );
  }
  const initial = plan.initial;
  // Report streams resume from the cursor our STATE messages carried for them.
  for (const dataset of catalog.reportDatasets) {
    const name = `report_${dataset}`;
    const progress = catalog.fullRefresh.has(name) ? undefined : reportProgress(input.raw[name]);
    if (progress) initial[name] = progress;
  }
  const output = createAirbyteReadOutput(out, memoryStateStore(initial), Date.now, catalog.fields);
  const reading = [...catalog.streams.map((stream) => stream.name), ...catalog.reportDatasets.map((d) => `report_${d}`)];
  output.send([...early, airbyteLogMessage("INFO", `${TOOL_NAME} ${TOOL_VERSION}: reading ${reading.join(", ")}`)]);

  const connection = connect(settings, {
    retries: "run",
    onEvent: (event: HttpEvent) => output.send([airbyteLogMessage(event.kind === "retry" ? "WARN" : "INFO", event.message)]),
  });
  let result;
  try {
    result = await runSync({
      ...engineSettings(settings),
      client: connection.client,
      sink: output.sink,
      store: output.store,
      streams: catalog.streams,
      newRecordsOnly: catalog.newRecordsOnly,
      ...(catalog.reportDatasets.length > 0 ? { reports: { datasets: catalog.reportDatasets, ...await loadReportConfig(args.config) } } : {}),
      signal: connection.signal,
      onEvent: output.onEvent,
    });
  } finally {
    connection.close();
  }

  const now = Date.now();
  const closing: AirbyteMessage[] = [];
  // One summary per run, not one message per field.
  const mismatches = mismatchSummary(result.mismatches);
  if (mismatches !== undefined) closing.push(airbyteLogMessage("WARN", mismatches));
  for (const stream of result.streams) {
    // Streams cancelled because another failure stopped the run are covered by that failure's TRACE.
    if (stream.outcome === "failed" && stream.error !== result.fatal) closing.push(traceFor(stream.error, now, stream.name));
  }
  if (result.fatal) closing.push(traceFor(result.fatal, now));
  const counts = result.streams.map((stream) => `${stream.name} ${stream.records}`).join(", ");
  closing.push(airbyteLogMessage(result.outcome === "ok" ? "INFO" : "ERROR", `read ${result.outcome}: ${counts}`));
  await out.write(closing).catch(() => {});
  return result.outcome === "ok" ? 0 : 1;
}
