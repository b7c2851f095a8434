/**
 * One sync run: plans passes over the selected streams, runs them side by side on one request limiter,
 * validates and writes every page, checkpoints after each, and reports what happened per stream.
 */
import type { ApiClient, ApiRequest, HttpEvent, HttpStats } from "../http/types.ts";
import { STREAM_SCHEMAS } from "../streams/schemas.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { MismatchCounter } from "../schema/mismatch-counter.ts";
import { SampledValidation, type SamplingOptions } from "../schema/sampled-validation.ts";
import { createRecordValidator, type RecordValidator } from "../schema/validate.ts";
import type { Page, RunSummary, Sink, StreamInfo } from "../sinks/types.ts";
import { SETTING_DEFAULTS as DEFAULTS } from "../settings/schema.ts";
import { DEFAULT_STREAMS } from "../streams/select.ts";
import type { JsonRecord, RootRead, StreamDefinition } from "../streams/types.ts";
import { TOOL_VERSION } from "../version.ts";
import { readDeletionFeed } from "./deletions/deletion-feed.ts";
import { appOrigin } from "./documents/app-origin.ts";
import { isDocument } from "./documents/document-pages.ts";
import type { KeyStore } from "./deletions/key-store.ts";
import { estimateOptInCost } from "./estimate.ts";
import { runExportJobPass } from "./content-export/export-job-pass.ts";
import { sayIfNoneReferenced } from "./referenced-children.ts";
import { passStore } from "./parent-progress.ts";
import { readWholeTypes } from "./whole-types.ts";
import type { EngineEventListener } from "./events.ts";
import { futureCursors, type StateLocation } from "./future-cursor.ts";
import { Limiter } from "./limiter.ts";
import { memoryRelease } from "./memory-release.ts";
import { withStreamVersion } from "./stream-version.ts";
import { runBound } from "./run-bound.ts";
import { type Pass, type PassContext, type PassOptions, planPasses, type ProgressStep } from "./pass.ts";
import { runWindowedListPass } from "./passes/windowed-list-pass.ts";
import { runListPass } from "./passes/list-pass.ts";
import { runScrollPass } from "./passes/scroll-pass.ts";
import { runSearchPass } from "./passes/search-pass.ts";
import { memoryStateStore, type StateStore, type StreamProgress } from "./state-store.ts";
import { AuthError, BrokenPipeError, CancelledError, IntercomApiError, TokenEchoedError, TransientError } from "../errors.ts";
import { prepareReportStreams, type ReportStreamsRun } from "./reports/run-reports.ts";
import type { ReportRunOptions } from "./reports/report-settings.ts";

export interface SyncOptions extends Partial<PassOptions> {
  client: ApiClient;
  sink: Sink;
  /** Streams to export; the default set (every stream but the opt-in ones) when omitted. Validated by the caller (see selectStreams). */
  streams?: readonly StreamDefinition[];
  store?: StateStore;
  /** Where `store` lives, for the warning about a cursor later than Intercom's clock (engine/future-cursor.ts). */
  stateLocation?: StateLocation;
  /** Where an earlier version kept long key lists of complete reads (read once more, then removed); none when omitted. */
  keys?: KeyStore;
  /** Intercom's search index lags writes: read nothing newer than now minus this. Default: settings/schema.ts, as every default. */
  searchLagMinutes?: number;
  /** Requests in flight at once, across all streams; the rate budget keeps it from overshooting. */
  concurrency?: number;
  failFast?: boolean;
  /** Clock in milliseconds. */
  now?: () => number;
  /**
   * Ask Intercom for its time (GET /me) and never bound the run later than Intercom's clock. Default true; a
   * bad token then fails the run at once, before any stream starts.
   */
  checkServerClock?: boolean;
  /**
   * Called once the first request (GET /me) succeeded, with the workspace it reached, before the sink is opened:
   * the place to refuse another workspace's state or output (throw) and to bind a new one. Nothing should be
   * written before it.
   */
  onWorkspace?: (workspace: { appId?: string }) => Promise<void>;
  signal?: AbortSignal;
  onEvent?: EngineEventListener;
  /** Retries, rate-limit and scroll waits of the HTTP layer (the client's own onEvent covers requests). */
  onHttpEvent?: (event: HttpEvent) => void;
  schemas?: Record<string, JsonSchema>;
  /** Which records are checked against their schema (schema/sampled-validation.ts); `{ every: 1 }` checks all. */
  schemaSampling?: SamplingOptions;
  /** The reporting datasets to export as `report_<id>` streams (opt-in; discovered from the workspace). */
  reports?: ReportRunOptions;
  /** Called every RECORDS_BETWEEN_RELEASES records written (memory-release.ts); default runtime.releaseMemory. */
  releaseMemory?: () => void;
}

export interface StreamResult {
  name: string;
  outcome: "ok" | "failed" | "cancelled";
  records: number;
  /** Records found deleted (a deletion feed, or gone since the last complete read). */
  deleted?: number;
  pages: number;
  skipped: number;
  /** Records checked against the schema (all of the first pages, then a sample: see schema/sampled-validation.ts). */
  checked?: number;
  warnings: string[];
  error?: Error;
  durationMs: number;
}

export interface SyncResult {
  outcome: "ok" | "partial" | "failed";
  streams: StreamResult[];
  mismatches: ReturnType<MismatchCounter["summary"]>;
  http: HttpStats;
  /** The error that stopped the whole run (bad token, closed stdout, --fail-fast, cancellation), if any. */
  fatal?: Error;
  startedAt: number;
  endedAt: number;
}

/** One reader per kind of root read; a child is read inside its parent's pass. */
const PASS_RUNNERS: Record<RootRead["kind"], (context: PassContext, pass: Pass) => Promise<void>> = {
  single: runListPass,
  list: runListPass,
  scroll: runScrollPass,
  search: runSearchPass,
  "windowed-list": runWindowedListPass,
  "export-job": runExportJobPass,
};

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const selected = options.streams ?? DEFAULT_STREAMS;
  const schemas = options.schemas ?? STREAM_SCHEMAS;
  const store = options.store ?? memoryStateStore();
  const abort = new AbortController();
  // The caller's reason (a time limit) is kept, so the exit code can tell it from Ctrl-C.
  const outerReason = () => (options.signal?.reason instanceof CancelledError ? options.signal.reason : new CancelledError());
  const onOuterAbort = () => abort.abort(outerReason());
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });

  const results = new Map<string, StreamResult>(selected.map((stream) => [stream.name, freshResult(stream.name)]));
  const validators = new Map<string, RecordValidator>(
    selected.map((stream) => [stream.name, createRecordValidator(schemaOf(stream, schemas))]),
  );
  const primaryKeys = new Map(selected.map((stream) => [stream.name, stream.primaryKey]));
  // A deletion naming only a parent (a list of links now empty) deletes no record of its own: not counted as one.
  const deletedRecords = (page: Page) =>
    page.deletions?.filter((deletion) => primaryKeys.get(page.stream)!.every((field) => deletion.key[field] !== undefined)).length ?? 0;
  const mismatches = new MismatchCounter();
  /** Records of staged pages per pass and stream, not counted until their pass's progress writes them. */
  const staged = new Map<string, number>();
  const sampling = new SampledValidation(options.schemaSampling);
  const written = memoryRelease(options.releaseMemory);
  const limiter = new Limiter(options.concurrency ?? DEFAULTS.concurrency);
  const runVersion = options.intercomVersion ?? DEFAULTS.intercomVersion;
  const client: ApiClient = {
    request: <T>(request: ApiRequest) => limiter.run(() => options.client.request<T>(withStreamVersion(request, runVersion))),
    get stats() {
      return options.client.stats;
    },
    serverNow: options.client.serverNow?.bind(options.client),
    baseUrl: options.client.baseUrl,
  };
  const context: PassContext = {
    client,
    store,
    signal: abort.signal,
    bound: 0, // set below, once Intercom's clock is known
    nowSeconds: () => Math.floor(now() / 1000),
    runStartedAt: Math.floor(startedAt / 1000),
    keys: options.keys,
    options: {
      since: options.since,
      lookbackDays: options.lookbackDays ?? DEFAULTS.lookbackDays,
      fullRefresh: options.fullRefresh ?? DEFAULTS.fullRefresh,
      windowDays: options.windowDays ?? DEFAULTS.windowDays,
      activityLogsWindowDays: options.activityLogsWindowDays ?? DEFAULTS.activityLogsWindowDays,
      perPage: options.perPage ?? 150,
      intercomVersion: options.intercomVersion ?? DEFAULTS.intercomVersion,
      childConcurrency: options.childConcurrency ?? options.concurrency ?? DEFAULTS.concurrency,
      windowConcurrency: options.windowConcurrency ?? 8,
      membershipRead: options.membershipRead ?? "listing",
      omitInternalNotes: options.omitInternalNotes ?? DEFAULTS.omitInternalNotes,
      newRecordsOnly: options.newRecordsOnly,
      wholeTypes: options.wholeTypes,
      scrollWaitMs: options.scrollWaitMs,
      scrollPollMs: options.scrollPollMs,
      exportJobs: options.exportJobs,
    },
    async commit(pass, pages, step) {
      if (abort.signal.aborted) throw abort.signal.reason;
      for (const page of pages) sampling.checkPage(page.stream, page.records, validators.get(page.stream)!, mismatches);
      const carries = (page: Page) => page.records.length > 0 || (page.deletions?.length ?? 0) > 0;
      const progress = step === undefined ? undefined : () => applyProgress(passStore(store, pass), pass.streams, step);
      if (options.sink.commit) {
        // A page of no records still matters when it retires a parent's links (its last tag removed).
        const written = pages.filter((page) => carries(page) || (page.replaces?.length ?? 0) > 0);
        await options.sink.commit({ pass: pass.root.name, pages: written, progress });
      } else {
        for (const page of pages.filter(carries)) await options.sink.write(page.stream, page.records, page.deletions);
        progress?.();
      }
      // Counted only once written: a failed write (a closed stdout) counts nothing and moves no cursor. A staged
      // page (a report window's chunk) is written with its pass's batch that brings progress: counted then.
      for (const page of pages) {
        const result = results.get(page.stream)!;
        const stagedKey = `${pass.root.name}\u0000${page.stream}`;
        if (page.staged) {
          staged.set(stagedKey, (staged.get(stagedKey) ?? 0) + page.records.length);
          continue;
        }
        const records = page.records.length + (step !== undefined ? staged.get(stagedKey) ?? 0 : 0);
        if (step !== undefined) staged.delete(stagedKey);
        result.records += records;
        const deleted = deletedRecords(page);
        if (deleted > 0) result.deleted = (result.deleted ?? 0) + deleted;
        result.pages++;
        written(records);
        options.onEvent?.({ kind: "page", stream: page.stream, records, totalRecords: result.records, expected: page.expected });
      }
      if (step !== undefined) await store.save();
    },
    warn(stream, message) {
      results.get(stream)?.warnings.push(message);
      options.onEvent?.({ kind: "warning", stream, message });
    },
    countSkipped(stream, detail) {
      const result = results.get(stream);
      if (result) result.skipped++;
      options.onEvent?.({ kind: "skipped", stream, message: detail });
    },
    onHttpEvent: options.onHttpEvent,
  };

  let fatal: Error | undefined;
  let reports: ReportStreamsRun | undefined;
  try {
    const { bound, offsetMs, appId } = await runBound(
      client,
      startedAt,
      options.searchLagMinutes ?? DEFAULTS.searchLagMinutes,
      abort.signal,
      options.checkServerClock ?? true,
    );
    context.bound = bound;
    if (appId !== undefined) context.app = { appId, origin: appOrigin(options.client.baseUrl) };
    if (offsetMs !== undefined && Math.abs(offsetMs) > 60_000) {
      const seconds = Math.round(Math.abs(offsetMs) / 1000);
      const message = `this machine's clock is ${seconds} s ${
        offsetMs < 0 ? "ahead of" : "behind"
      } Intercom's; the run's bound follows the earlier of the two`;
      options.onEvent?.({ kind: "warning", stream: "clock", message });
    }
    // Opened only now: a run that never reached the workspace, or reached another one, writes nothing.
    await options.onWorkspace?.({ appId });
    if (options.reports) {
      try {
        reports = await prepareReportStreams(
          context,
          options.reports,
          abort.signal,
          (message) => options.onEvent?.({ kind: "warning", stream: "reports", message }),
        );
      } catch (caught) {
        // A dataset the workspace lacks is a setting to fix (exit 2); the export refused (a permission, an outage)
        // fails the report streams only, and the others run.
        if (!(caught instanceof IntercomApiError || caught instanceof TransientError) || caught instanceof AuthError) throw caught;
        const names = options.reports.datasets === "all" ? ["reports"] : options.reports.datasets.map((id) => `report_${id}`);
        for (const name of names) {
          results.set(name, { ...freshResult(name), outcome: "failed", error: caught });
          options.onEvent?.({ kind: "stream-failed", stream: name, error: caught });
        }
      }
      for (const { name, info } of reports?.streams ?? []) {
        results.set(name, freshResult(name));
        validators.set(name, createRecordValidator(info.schema));
        primaryKeys.set(name, info.primaryKey);
      }
    }
    await options.sink.open([...selected.map((stream) => streamInfo(stream, schemas)), ...(reports?.streams.map((stream) => stream.info) ?? [])]);
    // Said once the run is sure to go on (the workspace accepted): the state is this run's to read.
    if (!context.options.fullRefresh) {
      const intercomNow = Math.floor((startedAt + (offsetMs ?? 0)) / 1000);
      const names = selected.map((stream) => stream.name);
      for (const { stream, message } of futureCursors(store, names, intercomNow, options.stateLocation)) context.warn(stream, message);
    }
  } catch (caught) {
    // Not even the clock request went through (bad token, Intercom unreachable): no stream can start.
    const reason: unknown = abort.signal.aborted ? abort.signal.reason : caught;
    fatal = reason instanceof Error ? reason : new Error(String(reason));
    for (const result of results.values()) Object.assign(result, { outcome: "failed", error: fatal });
  }
  /** The one place a pass's or a report stream's error is judged: the streams it failed, and whether it stops the run. */
  const streamsFailed = async (streams: readonly string[], caught: unknown, began: number) => {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    // The first error that must stop everything (bad token, a proxy echoing it, closed stdout, --fail-fast)
    // cancels the others.
    const stopsEverything = error instanceof AuthError || error instanceof TokenEchoedError || error instanceof BrokenPipeError ||
      options.failFast === true;
    const causedStop = stopsEverything && !abort.signal.aborted;
    if (causedStop) {
      fatal = error;
      abort.abort(error);
    }
    const outcome = !causedStop && abort.signal.aborted ? "cancelled" : "failed";
    for (const stream of streams) {
      const result = results.get(stream)!;
      Object.assign(result, { outcome, error, durationMs: now() - began });
      if (outcome === "failed") store.update(stream, { outcome: "failed", error: error.message });
      options.onEvent?.({ kind: "stream-failed", stream, error });
    }
    await store.save().catch(() => {});
  };
  const passes = planPasses(selected);
  // A stream read on several passes (a child of several parents) starts with the first and is done with the last.
  const passesLeft = new Map<string, number>();
  for (const stream of passes.flatMap((pass) => pass.streams)) passesLeft.set(stream, (passesLeft.get(stream) ?? 0) + 1);
  const passesOf = new Map(passesLeft);
  const started = new Set<string>();
  const runPass = async (pass: Pass) => {
    const began = now();
    // The pass sees its streams' progress under its parent (parent-progress.ts).
    const passContext: PassContext = { ...context, store: passStore(store, pass) };
    try {
      // Said before an opt-in stream starts, so an expensive run can be stopped before it has cost much.
      for (const estimate of await estimateOptInCost(passContext, pass)) options.onEvent?.(estimate);
      for (const stream of pass.streams.filter((name) => !started.has(name))) {
        started.add(stream);
        options.onEvent?.({ kind: "stream-start", stream });
      }
      const afterPass = sayIfNoneReferenced(passContext, pass, passesOf);
      await readWholeTypes(passContext, pass);
      await PASS_RUNNERS[pass.root.read.kind](passContext, pass);
      afterPass();
      // A document is deleted with its source: the feed is read for either.
      if ((pass.emitRoot || pass.children.some(isDocument)) && pass.root.deletions) await readDeletionFeed(passContext, pass, pass.root.deletions);
      for (const stream of pass.streams) {
        const left = passesLeft.get(stream)! - 1;
        passesLeft.set(stream, left);
        if (left > 0) continue;
        const result = results.get(stream)!;
        result.durationMs = now() - began;
        options.onEvent?.({ kind: "stream-done", stream, records: result.records });
      }
    } catch (caught) {
      await streamsFailed(pass.streams, caught, began);
    }
  };
  const runReport = async (name: string, run: () => Promise<void>) => {
    const began = now();
    options.onEvent?.({ kind: "stream-start", stream: name });
    try {
      await run();
      results.get(name)!.durationMs = now() - began;
      options.onEvent?.({ kind: "stream-done", stream: name, records: results.get(name)!.records });
    } catch (caught) {
      await streamsFailed([name], caught, began);
    }
  };
  if (!fatal) {
    await Promise.all([
      ...passes.map(runPass),
      ...(reports?.streams.map((stream) => runReport(stream.name, () => reports!.run(stream))) ?? []),
    ]);
  }
  options.signal?.removeEventListener("abort", onOuterAbort);
  if (!fatal && options.signal?.aborted) fatal = outerReason();

  for (const result of results.values()) result.checked = sampling.checked(result.name);
  const streams = [...results.values()];
  const failed = streams.filter((stream) => stream.outcome !== "ok").length;
  const outcome = failed === 0 ? "ok" : failed === streams.length || fatal ? "failed" : "partial";
  const endedAt = now();
  const summary: RunSummary = {
    startedAt,
    endedAt,
    outcome,
    toolVersion: TOOL_VERSION,
    streams: streams.map((stream) => ({
      name: stream.name,
      records: stream.records,
      outcome: stream.outcome === "ok" ? "ok" : "failed",
      error: stream.error?.message,
    })),
  };
  try {
    await options.sink.finish?.(summary);
  } finally {
    await options.sink.close();
  }
  return { outcome, streams, mismatches: mismatches.summary(), http: options.client.stats, fatal, startedAt, endedAt };
}

/** Apply a pass's progress to every stream of it; the returned undo puts back exactly what it changed. */
function applyProgress(store: StateStore, streams: readonly string[], step: ProgressStep): () => void {
  const computed = "apply" in step && typeof step.apply === "function" ? step : undefined;
  const patch = computed ? computed.apply() : (step as Partial<StreamProgress>);
  const before = streams.map((stream) => {
    const previous = store.get(stream);
    return { stream, fields: Object.fromEntries(Object.keys(patch).map((key) => [key, previous?.[key as keyof StreamProgress]])) };
  });
  for (const stream of streams) store.update(stream, patch);
  return () => {
    for (const { stream, fields } of before) store.update(stream, fields as Partial<StreamProgress>);
    computed?.undo();
  };
}

function schemaOf(stream: StreamDefinition, schemas: Record<string, JsonSchema>): JsonSchema {
  return schemas[stream.name] ?? { type: "object", additionalProperties: true };
}

/** A stream's result before it has read anything. */
function freshResult(name: string): StreamResult {
  return { name, outcome: "ok", records: 0, pages: 0, skipped: 0, checked: 0, warnings: [], durationMs: 0 };
}

export function streamInfo(stream: StreamDefinition, schemas: Record<string, JsonSchema> = STREAM_SCHEMAS): StreamInfo {
  const read = stream.read;
  const parent = read.kind === "child" || read.kind === "embedded" ? { parent: { stream: read.parent, copy: read.copy } } : {};
  const references = stream.references ? { references: stream.references } : {};
  return {
    name: stream.name,
    primaryKey: stream.primaryKey,
    cursorField: stream.cursorField,
    schema: schemaOf(stream, schemas),
    ...parent,
    ...references,
  };
}
