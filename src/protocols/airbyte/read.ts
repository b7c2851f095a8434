/**
 * `airbyte read --config --catalog [--state]`: the selected streams as RECORD messages, per-stream STATE
 * after the records each covers, STREAM_STATUS traces, LOG messages for warnings, and a TRACE ERROR per failed
 * stream (and for a failure that stopped the run). Exit 0 only when every selected stream synced.
 */
import { runSync } from "../../engine/run-sync.ts";
import { memoryStateStore, type StreamProgress } from "../../engine/state-store.ts";
import { CancelledError } from "../../engine/errors.ts";
import { createApiClient } from "../../http/client.ts";
import type { HttpEvent } from "../../http/types.ts";
import { runtime } from "../../runtime/mod.ts";
import { airbyteLogMessage, type AirbyteMessage } from "../../sinks/airbyte.ts";
import { TOOL_NAME, TOOL_VERSION } from "../../version.ts";
import type { MessageWriter } from "../message-writer.ts";
import { loadAirbyteConfig } from "./config.ts";
import { loadConfiguredCatalog } from "./configured-catalog.ts";
import { traceFor } from "./errors.ts";
import { createAirbyteReadOutput } from "./read-output.ts";
import { loadStateInput } from "./state-input.ts";

export interface ReadArgs {
  config: string;
  catalog: string;
  state?: string;
}

export async function airbyteRead(args: ReadArgs, out: MessageWriter): Promise<number> {
  const config = await loadAirbyteConfig(args.config);
  const catalog = await loadConfiguredCatalog(args.catalog);
  const input = args.state ? await loadStateInput(args.state) : { streams: {}, unknown: [] };
  const early: AirbyteMessage[] = [];
  if (input.unknown.length > 0) early.push(airbyteLogMessage("WARN", `ignoring state of unknown streams: ${input.unknown.join(", ")}`));

  const initial: Record<string, StreamProgress> = {};
  for (const stream of catalog.streams) {
    const progress = input.streams[stream.name];
    if (progress !== undefined && !catalog.fullRefresh.has(stream.name)) initial[stream.name] = progress;
  }
  const output = createAirbyteReadOutput(out, memoryStateStore(initial));
  output.send([
    ...early,
    airbyteLogMessage("INFO", `${TOOL_NAME} ${TOOL_VERSION}: reading ${catalog.streams.map((stream) => stream.name).join(", ")}`),
  ]);

  const client = createApiClient({
    baseUrl: config.baseUrl,
    token: config.token,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    onEvent: (event: HttpEvent) => output.send([airbyteLogMessage(event.kind === "retry" ? "WARN" : "INFO", event.message)]),
  });
  const interrupt = new AbortController();
  const stop = () => interrupt.abort(new CancelledError());
  runtime.onSignal("SIGINT", stop);
  runtime.onSignal("SIGTERM", stop);

  const result = await runSync({
    client,
    sink: output.sink,
    store: output.store,
    streams: catalog.streams,
    since: config.since,
    lookbackDays: config.lookbackDays,
    activityLogsWindowDays: config.activityLogsWindowDays,
    signal: interrupt.signal,
    onEvent: output.onEvent,
  });

  const now = Date.now();
  const closing: AirbyteMessage[] = [];
  for (const row of result.mismatches) {
    closing.push(airbyteLogMessage("WARN", `${row.stream}.${row.field}: expected ${row.expected}, got ${row.received} in ${row.count} records`));
  }
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
