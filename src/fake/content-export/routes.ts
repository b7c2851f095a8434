/**
 * The Content Data Export (2.11+): POST /export/content/data makes the workspace's one job for the receipts sent
 * in [created_at_after, created_at_before] (a second while one is pending: 429, as the description says); its
 * status polls `pending`, then `completed` with a download URL good for two days; the download is the receipts as
 * a gzipped CSV, a zip of one CSV per statistic (records/content-events.ts: opens, clicks, replies…), or that zip
 * gzipped (`faults.contentExport.format`).
 */
import type { Rec } from "../context.ts";
import { eventFiles } from "../records/content-events.ts";
import { contentReceipt, RECEIPT_COLUMNS } from "../records/content-receipts.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import { DEFAULT_CONTENT_EXPORT_BEHAVIOUR, type FakeContentExportBehaviour } from "./behaviour.ts";
import { zipFiles } from "./zip-writer.ts";

interface Job {
  id: string;
  start: number;
  end: number;
  polls: number;
  failed: boolean;
  done: boolean;
}

interface ExportState {
  jobs: Map<string, Job>;
  enqueued: number;
}

const states = new WeakMap<Workspace, ExportState>();

function stateOf(ws: Workspace): ExportState {
  let state = states.get(ws);
  if (!state) states.set(ws, state = { jobs: new Map(), enqueued: 0 });
  return state;
}

/** The behaviour in force; its counters are counted down on `context.faults.contentExport`. */
function behaviour(context: RouteContext): FakeContentExportBehaviour & { take(key: "busyEnqueues" | "failNext" | "expireNext"): boolean } {
  const set = (context.faults.contentExport ??= {});
  return {
    ...DEFAULT_CONTENT_EXPORT_BEHAVIOUR,
    ...set,
    take(key) {
      const left = set[key] ?? 0;
      if (left <= 0) return false;
      set[key] = left - 1;
      return true;
    },
  };
}

/** Every receipt sent by the workspace's now, in order: what an export of all time holds. */
export function contentReceipts(ws: Workspace): Rec[] {
  const out: Rec[] = [];
  for (let k = 0; k < ws.ctx.sizes.contentReceipts; k++) {
    const receipt = contentReceipt(ws.ctx, k);
    if ((receipt.received_at as number) > ws.now) break;
    out.push(receipt);
  }
  return out;
}

function jobBody(job: Job, status: string): Rec {
  const done = status === "completed";
  return {
    job_identifier: job.id,
    status,
    download_url: done ? `https://api.intercom.test/download/content/data/${job.id}` : "",
    download_expires_at: done ? String(Math.floor(Date.now() / 1000) + 2 * 86_400) : "",
  };
}

function pendingJob(state: ExportState): Job | undefined {
  return [...state.jobs.values()].find((job) => !job.done);
}

export function enqueueContentExport(context: RouteContext): Response {
  const { ws, body, requestId } = context;
  const state = stateOf(ws);
  const rules = behaviour(context);
  if (pendingJob(state) || rules.take("busyEnqueues")) {
    return errorList(429, "rate_limit_exceeded", "Exceeded rate limit of 1 pending message data export jobs", requestId);
  }
  const { created_at_after: start, created_at_before: end } = (body ?? {}) as { created_at_after?: unknown; created_at_before?: unknown };
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) > (end as number)) {
    return errorList(400, "parameter_invalid", "created_at_after and created_at_before must be unix timestamps, after before before", requestId);
  }
  const job: Job = {
    id: `content${++state.enqueued}`,
    start: start as number,
    end: end as number,
    polls: 0,
    failed: rules.take("failNext"),
    done: false,
  };
  state.jobs.set(job.id, job);
  return json(jobBody(job, "pending"));
}

export function contentExportStatus(context: RouteContext): Response {
  const job = stateOf(context.ws).jobs.get(context.params[0] ?? "");
  if (!job) return errorList(404, "not_found", "The requested resource does not exist.", context.requestId);
  job.polls++;
  if (job.polls <= behaviour(context).pendingPolls) return json(jobBody(job, job.polls === 1 ? "pending" : "in_progress"));
  job.done = true;
  if (job.failed) return json(jobBody(job, "failed"));
  return json(jobBody(job, rowsOf(context.ws, job).length === 0 ? "no_data" : "completed"));
}

function rowsOf(ws: Workspace, job: Job): Rec[] {
  // Date ranges are inclusive, as the description says.
  return contentReceipts(ws).filter((receipt) => (receipt.received_at as number) >= job.start && (receipt.received_at as number) <= job.end);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(columns: readonly string[], rows: readonly Rec[]): string {
  return [columns.join(","), ...rows.map((row) => columns.map((column) => cell(row[column])).join(","))].join("\r\n") + "\r\n";
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function downloadContentExport(context: RouteContext): Promise<Response> {
  const { ws, requestId, headers } = context;
  if (!(headers.get("Accept") ?? "").includes("application/octet-stream")) {
    return errorList(406, "not_acceptable", "Accept header must be application/octet-stream", requestId);
  }
  const job = stateOf(ws).jobs.get(context.params[0] ?? "");
  const rules = behaviour(context);
  if (!job || !job.done || job.failed || rules.take("expireNext")) {
    return errorList(404, "not_found", "The requested resource does not exist.", requestId);
  }
  const rows = rowsOf(ws, job);
  const receipts = csv(RECEIPT_COLUMNS, rows);
  let bytes: Uint8Array;
  if (rules.format === "gzip") {
    bytes = await gzip(new TextEncoder().encode(receipts));
  } else {
    const stamp = "20260101_120000";
    // A statistic with no records is left out of the archive, as Intercom's docs say; the opens file is stored.
    const files = [
      { name: `receipts_${stamp}.csv`, text: receipts },
      ...eventFiles(rows).map(({ statistic, columns, rows }) => ({
        name: `${statistic}_${stamp}.csv`,
        text: csv(columns, rows),
        store: statistic === "opens",
      })),
    ];
    const zip = await zipFiles(files);
    bytes = rules.format === "zip" ? zip : await gzip(zip);
  }
  return new Response(bytes as BodyInit, { status: 200, headers: { "Content-Type": "application/octet-stream" } });
}
