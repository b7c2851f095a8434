/**
 * intercom-sync as a library: the engine, the stream catalog, the sinks and the HTTP client. Everything a library
 * user needs is listed here, one line each; the rest of src/ is internal and may change.
 *
 * @example
 * import { createApiClient, createJsonlSink, runSync, selectStreams } from "./mod.ts";
 * const client = createApiClient({ baseUrl: "https://api.intercom.io", token, userAgent: "my-app" });
 * const result = await runSync({ client, sink: createJsonlSink(stdoutStream), streams: selectStreams(["contacts"]) });
 * // On another API version, send it and check against its schemas:
 * // createApiClient({ …, intercomVersion: "2.16" }) and runSync({ …, schemas: schemasFor("2.16") })
 */

// The engine
/** Runs one sync: every selected stream read, validated, written to the sink and checkpointed. */
export { runSync, type StreamResult, type SyncOptions, type SyncResult } from "./src/engine/run-sync.ts";
/** A stream's name, key, cursor and JSON Schema, as a sink is told them. */
export { streamInfo } from "./src/engine/run-sync.ts";
/** State kept in memory (the CLI keeps it in a file); pass `initial` to resume. */
export { memoryStateStore, type StateStore, type StreamProgress } from "./src/engine/state-store.ts";
/** Progress events of a run: stream start, page, warning, done, failed. */
export type { EngineEvent, EngineEventListener } from "./src/engine/events.ts";

// The settings
/** A run's settings validated, every default applied; `SETTING_DEFAULTS` and `SETTING_BOUNDS` are the CLI's too. */
export { parseSettings, SETTING_BOUNDS, SETTING_DEFAULTS, type Settings, type SettingsInput } from "./src/settings/schema.ts";
/** The client and the stop signal (SIGINT, SIGTERM, max duration) a command builds from its Settings. */
export { connect, type Connection, type ConnectOptions, type RetryMode } from "./src/settings/connect.ts";

// The stream catalog
/** Every stream, its names, and one by name. */
export { STREAM_NAMES, streamByName, STREAMS } from "./src/streams/catalog.ts";
/** Stream names → definitions in catalog order (all when undefined). */
export { DEFAULT_STREAMS, selectStreams } from "./src/streams/select.ts";
/** What a stream is: name, key, cursor, and how it is read (the request shape as data). */
export type { ReadSpec, StreamDefinition, StreamSpec, SyncKind } from "./src/streams/types.ts";
export type { StreamName } from "./src/streams/catalog.ts";
/** Builds a stream definition from what a stream's file declares (for streams of your own). */
export { defineStream } from "./src/streams/define.ts";
/** Each stream's JSON Schema per API version, derived from Intercom's OpenAPI descriptions (STREAM_SCHEMAS: 2.11). */
export { SCHEMAS_BY_VERSION, schemasFor, STREAM_SCHEMAS } from "./src/schema/catalog-schemas.ts";
/** The Intercom API versions whose schemas ship. */
export { API_VERSIONS, type ApiVersion, DEFAULT_API_VERSION } from "./src/api-versions.ts";

// The HTTP client
/** Intercom's API with auth, version header, retries and the shared rate budget. */
export { type ApiClientOptions, createApiClient } from "./src/http/client.ts";
/** What the engine asks of a client, so a caller may wrap or replace it. */
export type { ApiClient, ApiRequest, HttpEvent, HttpStats, Region } from "./src/http/types.ts";
/** The hosts of Intercom's regions and the API version sent by default. */
export { DEFAULT_INTERCOM_VERSION, REGION_HOSTS } from "./src/http/types.ts";
/** --base-url, INTERCOM_BASE_URL and --region → the base URL to call (http only to this machine). */
export { type BaseUrlInput, resolveBaseUrl } from "./src/http/base-url.ts";
/** One rate budget shared by several clients of the same token (ApiClientOptions.budget). */
export { RateBudget } from "./src/http/rate-budget.ts";
/** Retry settings for ApiClientOptions.retry. */
export type { RetryPolicy } from "./src/http/retry.ts";

// Errors (every error class is defined in src/errors.ts)
/** What Intercom's answers become: refused token (401), missing permission (403), gone (404), any other answer, retries exhausted. */
export { AuthError, IntercomApiError, NotFoundError, PermissionError, TransientError } from "./src/errors.ts";
/** A bad setting, stdout closed, a sink or state file that cannot be used, a cancelled or time-limited run. */
export { BrokenPipeError, CancelledError, ConfigError, SinkError, StateError, TimeLimitError } from "./src/errors.ts";

// Sinks
/** `{"stream","data"}` JSON lines on a web WritableStream. */
export { createJsonlSink } from "./src/sinks/jsonl.ts";
/** One table per stream, upserted by key (Bun's or Node's SQLite). */
export { createSqliteSink } from "./src/sinks/sqlite.ts";
/** What a sink implements, and what it is told. */
export type { RunSummary, Sink, StreamInfo } from "./src/sinks/types.ts";

/** This build's version. */
export { TOOL_VERSION } from "./src/version.ts";
