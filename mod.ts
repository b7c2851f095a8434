/**
 * intercom-sync as a library: the engine, the stream catalog, the sinks and the HTTP client.
 *
 * @example
 * import { createApiClient, createJsonlSink, runSync, selectStreams } from "./mod.ts";
 * const client = createApiClient({ baseUrl: "https://api.intercom.io", token, userAgent: "my-app" });
 * const result = await runSync({ client, sink: createJsonlSink(stdoutStream), streams: selectStreams(["contacts"]) });
 */
export { runSync, streamInfo, type SyncOptions, type SyncResult, type StreamResult } from "./src/engine/run-sync.ts";
export { memoryStateStore, type StateStore, type StreamProgress } from "./src/engine/state-store.ts";
export type { EngineEvent, EngineEventListener } from "./src/engine/events.ts";
export { STREAMS, STREAM_NAMES, streamByName } from "./src/streams/catalog.ts";
export { selectStreams } from "./src/streams/select.ts";
export type { StreamName } from "./src/streams/catalog.ts";
export { defineStream } from "./src/streams/define.ts";
export type { ReadSpec, StreamDefinition, StreamSpec, SyncKind } from "./src/streams/types.ts";
export * from "./src/http/mod.ts";
export { createJsonlSink } from "./src/sinks/jsonl.ts";
export { createSqliteSink } from "./src/sinks/sqlite.ts";
export type { Sink, StreamInfo, RunSummary } from "./src/sinks/types.ts";
export { STREAM_SCHEMAS } from "./src/schema/catalog-schemas.ts";
export { TOOL_VERSION } from "./src/version.ts";
