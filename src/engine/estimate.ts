/**
 * Before an opt-in stream (a request per record of its parent, e.g. per contact) is read, say what it will cost:
 * one cheap request for the parent's `total_count` (the one-record search `check` makes, from where this run
 * starts), turned into a request count and the time it takes at Intercom's rate limit.
 * @example
 * "contact_segments: about 52,000 requests (one per contact), about 5.2 minutes at the rate limit"
 */
import { onlyParentsWords, singular } from "../streams/describe.ts";
import { probeRequest } from "../streams/probe.ts";
import type { ChildRead } from "../streams/types.ts";
import type { EngineEvent } from "./events.ts";
import { type Pass, type PassContext, passStart } from "./pass.ts";
import { AuthError, CancelledError } from "../errors.ts";

/** A private app's default limit (INTERCOM-API.md §6; spread over 10 s windows, see src/http/rate-budget.ts). */
export const REQUESTS_PER_MINUTE = 10_000;

export type CostEstimate = Extract<EngineEvent, { kind: "estimate" }>;

/** One estimate per opt-in child of the pass; none when the pass has none or the parent's count is unknown. */
export async function estimateOptInCost(context: PassContext, pass: Pass): Promise<CostEstimate[]> {
  // A document is opt-in for what it is, not for a cost of its own (its parts' request is theirs); an export's
  // other files come with its download.
  const optIn = pass.children.filter((child) => child.optIn && child.read.kind !== "document" && child.read.kind !== "export-file");
  if (optIn.length === 0) return [];
  const parents = await parentCount(context, pass);
  if (parents === undefined) return [];
  return optIn.map((child) => {
    const read = child.read as ChildRead;
    const requests = read.batch ? Math.ceil(parents / read.batch.size) : parents;
    const seconds = (requests / REQUESTS_PER_MINUTE) * 60;
    if (read.references) {
      // Which records the parents refer to is known only as they are read: a guess of one per parent.
      // Types the run lists whole (--custom-object-types) are not read by reference: said, so the guess is not taken for theirs.
      const whole = read.references.whole ? context.options.wholeTypes ?? [] : [];
      const except = whole.length > 0 ? `, except those of ${whole.join(", ")}, listed whole instead` : "";
      const message = `${child.name}: one request per record the ${roughCount(parents)} ${pass.root.name} to read refer to${except} ` +
        `(each once; a guess of one each: about ${roughDuration(seconds)} at the rate limit)`;
      return { kind: "estimate", stream: child.name, requests, seconds, message };
    }
    const per = read.batch
      ? `one per ${read.batch.size} ${read.parent}`
      : `one per ${singular(read.parent)}${onlyParentsWords(read)}${read.paged ? ", more where a list runs to several pages" : ""}`;
    // Asked for some parents only (users, not leads): the parents' count is the most it can cost.
    const about = read.onlyParents ? "at most" : "about";
    const message = `${child.name}: ${about} ${roughCount(requests)} requests (${per}), ${about} ${roughDuration(seconds)} at the rate limit`;
    return { kind: "estimate", stream: child.name, requests, seconds, message };
  });
}

/**
 * How many parent records this run reads: the `total_count` of the parent's one-record probe, counting only
 * records changed since the pass's start on an incremental run. Undefined when the answer has no count; a
 * failed probe skips the estimate, except for a bad token or a cancelled run, which stop everything anyway.
 */
async function parentCount(context: PassContext, pass: Pass): Promise<number | undefined> {
  const { root } = pass;
  const probe = probeRequest(root, context.nowSeconds());
  if (!probe) return undefined;
  const start = passStart(context, pass);
  const body = root.read.kind === "search" && start !== undefined
    ? { query: { field: root.cursorField, operator: ">", value: start - 1 }, pagination: { per_page: 1 } }
    : probe.body;
  try {
    const answer = await context.client.request<{ total_count?: unknown }>({
      method: probe.method,
      path: probe.path,
      query: probe.query,
      body,
      stream: root.name,
      signal: context.signal,
    });
    return typeof answer?.total_count === "number" ? answer.total_count : undefined;
  } catch (error) {
    if (error instanceof AuthError || error instanceof CancelledError || context.signal.aborted) throw error;
    return undefined;
  }
}

/** 52,123 → "52,000"; small counts as they are. */
function roughCount(count: number): string {
  const rounded = count < 1_000 ? count : Number(count.toPrecision(2));
  return rounded.toLocaleString("en-US");
}

function roughDuration(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `${whole} second${whole === 1 ? "" : "s"}`;
  }
  const minutes = seconds / 60;
  if (minutes < 120) return `${minutes.toFixed(1)} minutes`;
  return `${(minutes / 60).toFixed(1)} hours`;
}
