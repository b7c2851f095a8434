/**
 * The Reporting Data Export (API 2.14+): list datasets, enqueue a job, poll it, download its gzip-compressed CSV.
 * Earlier versions answer 404, as the endpoints do not exist there. 2.16 lists each attribute's qualified_id,
 * wants it where a simple id is ambiguous, and counts conversations that never had a customer reply.
 */
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "../routes/route.ts";
import { DEFAULT_REPORT_BEHAVIOUR, type FakeReportBehaviour } from "./behaviour.ts";
import { FAKE_DATASETS, type FakeAttribute, type FakeDataset, fakeDataset, RETENTION_SECONDS } from "./datasets.ts";
import { reportJobs } from "./jobs.ts";
import { removedRows } from "./removed-rows.ts";
import { csvLine, headerRow, textRows } from "./table.ts";

export function reportBehaviour(context: RouteContext): FakeReportBehaviour {
  // Defaults filled into the tests' own object, so counters in it (failNext) count down where they can see them.
  const given = (context.faults.reports ??= {});
  const filled = Object.assign(given, { ...DEFAULT_REPORT_BEHAVIOUR, ...given });
  return filled as FakeReportBehaviour;
}

function tooOld(context: RouteContext): Response | undefined {
  if (context.version === "2.11") return errorList(404, "not_found", "Resource Not Found", context.requestId);
  return undefined;
}

export function getDatasets(context: RouteContext): Response {
  const refused = tooOld(context);
  if (refused) return refused;
  const qualified = context.version === "2.16";
  return json({
    type: "list",
    data: FAKE_DATASETS.map((d) => ({
      id: d.id,
      name: d.name,
      description: d.description,
      default_time_attribute_id: d.defaultTimeAttributeId,
      attributes: d.attributes.map((a) => (qualified ? { id: a.id, qualified_id: a.qualifiedId, name: a.name } : { id: a.id, name: a.name })),
    })),
  });
}

function bad(context: RouteContext, message: string): Response {
  return errorList(400, "bad_request", message, context.requestId);
}

/** The attributes `ids` name, or the error message naming the first that names none (or more than one, on 2.16). */
function resolveAttributes(context: RouteContext, dataset: FakeDataset, ids: string[]): FakeAttribute[] | string {
  const found: FakeAttribute[] = [];
  for (const id of ids) {
    const byQualified = context.version === "2.16" ? dataset.attributes.filter((a) => a.qualifiedId === id) : [];
    const bySimple = dataset.attributes.filter((a) => a.id === id);
    if (byQualified.length === 1) found.push(byQualified[0]!);
    else if (bySimple.length === 1 || (bySimple.length > 1 && context.version !== "2.16")) found.push(bySimple[0]!);
    else if (bySimple.length > 1) return `attribute_ids ambiguous for ${dataset.id} dataset: ${id} (use its qualified_id)`;
    else return `attribute_ids invalid for ${dataset.id} dataset: ${id}`;
  }
  return found;
}

export function enqueue(context: RouteContext): Response {
  const refused = tooOld(context);
  if (refused) return refused;
  const body = (context.body ?? {}) as Record<string, unknown>;
  if (body.dataset_id === undefined) return bad(context, "'dataset_id' is a required parameter");
  const dataset = fakeDataset(String(body.dataset_id));
  if (!dataset) return bad(context, `${String(body.dataset_id)} is not a valid dataset_id`);
  if (body.attribute_ids === undefined) return bad(context, "'attribute_ids' is a required parameter");
  if (!Array.isArray(body.attribute_ids)) return bad(context, "'attribute_ids' not an array must be of type Array");
  if (body.attribute_ids.length === 0) return bad(context, "attribute_ids must contain at least one attribute_id");
  const attributes = resolveAttributes(context, dataset, body.attribute_ids.map(String));
  if (typeof attributes === "string") return bad(context, attributes);
  const start = body.start_time;
  const end = body.end_time;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return bad(context, "'start_time' and 'end_time' must be integers (unix seconds)");
  if ((end as number) <= (start as number)) return bad(context, "end_time must be after start_time");
  const ws = context.ws;
  if ((start as number) < ws.now - RETENTION_SECONDS) {
    return bad(context, `start_time must be within the data retention period (after ${ws.now - RETENTION_SECONDS})`);
  }
  const behaviour = reportBehaviour(context);
  const job = reportJobs(ws).enqueue(
    { dataset, attributes, start: start as number, end: end as number, now: ws.now, version: context.version },
    ws.ctx.appId,
    context.clock(),
    behaviour,
  );
  if (!job) {
    return errorList(
      429,
      "rate_limit_exceeded",
      `Exceeded rate limit of ${behaviour.maxPending} pending reporting dataset export jobs`,
      context.requestId,
    );
  }
  return json({ job_identifier: job.id, status: "pending", download_url: "", download_expires_at: "" });
}

function notFound(context: RouteContext, id: string): Response {
  return errorList(404, "not_found", `Export job not found for identifier: ${id}`, context.requestId);
}

export function jobStatus(context: RouteContext): Response {
  const refused = tooOld(context);
  if (refused) return refused;
  const id = context.params[0] ?? "";
  const jobs = reportJobs(context.ws);
  const job = jobs.get(id);
  if (!job) return notFound(context, id);
  const nowMs = context.clock();
  const status = jobs.status(job, nowMs);
  const complete = status === "complete";
  return json({
    job_identifier: job.id,
    status,
    download_url: complete ? `${context.url.origin}/download/reporting_data/${job.id}` : "",
    download_expires_at: complete ? new Date(job.readyMs + reportBehaviour(context).downloadTtlMs).toISOString() : "",
  });
}

export function download(context: RouteContext): Response {
  const accept = context.headers.get("Accept") ?? "";
  const refused = tooOld(context);
  if (refused) return refused;
  if (!accept.includes("application/octet-stream")) {
    return errorList(406, "not_acceptable", "Accept header must be application/octet-stream", context.requestId);
  }
  const id = context.params[0] ?? "";
  const jobs = reportJobs(context.ws);
  const job = jobs.get(id);
  const nowMs = context.clock();
  const behaviour = reportBehaviour(context);
  if (!job || jobs.status(job, nowMs) !== "complete") return notFound(context, id);
  if (nowMs >= job.readyMs + behaviour.downloadTtlMs) return notFound(context, `${id} (the download expired)`);
  jobs.stats.downloads++;
  const ctx = context.ws.ctx;
  const request = {
    dataset: job.dataset,
    attributes: job.attributes,
    start: job.start,
    end: job.end,
    now: job.now,
    version: job.version,
    language: behaviour.language,
    removed: removedRows(context.ws),
  };
  const bom = behaviour.bom;
  const rows = textRows(ctx, request);
  // Written as it is read, so a large export costs the fake no memory.
  const csv = new ReadableStream<string>({
    start(controller) {
      controller.enqueue((bom ? "\uFEFF" : "") + csvLine(headerRow(job.attributes)));
    },
    pull(controller) {
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(chunk);
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(chunk);
    },
  });
  const gzip = csv.pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream("gzip"));
  const announce = behaviour.gzipHeader === "always" || (behaviour.gzipHeader === "alternate" && job.n % 2 === 0);
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
  if (announce) headers["Content-Encoding"] = "gzip";
  return new Response(gzip, { status: 200, headers });
}
