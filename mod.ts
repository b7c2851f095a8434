/**
 * intercom-sync as a library: the engine, the stream catalog, the sinks and the HTTP client.
 *
 * @example
 * import { createApiClient, createJsonlSink, runSync, selectStreams } from "./mod.ts";
 * const client = createApiClient({ baseUrl: "https://api.intercom.io", token, userAgent: "my-app" });
 * const result = await runSync({ client, sink: createJsonlSink(stdoutStream), streams: selectStreams(["contacts"]) });
 * // On another API version, send it and check against its schemas:
 * // createApiClient({ …, intercomVersion: "2.16" }) and runSync({ …, schemas: schemasFor("2.16") })
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
export { SCHEMAS_BY_VERSION, schemasFor, STREAM_SCHEMAS } from "./src/schema/catalog-schemas.ts";
export { API_VERSIONS, DEFAULT_API_VERSION, type ApiVersion } from "./src/api-versions.ts";
export { TOOL_VERSION } from "./src/version.ts";
