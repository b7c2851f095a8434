/** The estimate before an opt-in stream: the parent's total_count as requests, and their time at 10,000 a minute. */
import { expect, test } from "bun:test";
import { estimateOptInCost } from "../../src/engine/estimate.ts";
import { type PassContext, planPasses } from "../../src/engine/pass.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import type { ApiRequest } from "../../src/http/types.ts";
import { selectStreams } from "../../src/streams/select.ts";

function contextAnswering(totalCount: unknown, seen: ApiRequest[] = []): PassContext {
  return {
    client: {
      request: async <T>(request: ApiRequest) => {
        seen.push(request);
        return { type: "list", data: [], total_count: totalCount } as T;
      },
      stats: {} as never,
    },
    store: memoryStateStore(),
    options: {
      intercomVersion: "2.11",
      lookbackDays: 0,
      fullRefresh: false,
      windowDays: 30,
      activityLogsWindowDays: 30,
      perPage: 150,
      childConcurrency: 4,
      windowConcurrency: 4,
    },
    bound: 1_767_225_600,
    nowSeconds: () => 1_767_225_600,
    signal: new AbortController().signal,
    commit: async () => {},
    warn: () => {},
    countSkipped: () => {},
  };
}

test("52,123 contacts: about 52,000 requests, about 5.2 minutes, from one one-record contact search", async () => {
  const seen: ApiRequest[] = [];
  const [pass] = planPasses(selectStreams(["contact_segments", "contact_notes"]));
  const estimates = await estimateOptInCost(contextAnswering(52_123, seen), pass!);
  expect(estimates.map((estimate) => estimate.message)).toEqual([
    "contact_segments: about 52,000 requests (one per contact), about 5.2 minutes at the rate limit",
    "contact_notes: about 52,000 requests (one per contact, more where a list runs to several pages), about 5.2 minutes at the rate limit",
  ]);
  expect(estimates[0]).toMatchObject({ kind: "estimate", stream: "contact_segments", requests: 52_123 });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: "POST", path: "/contacts/search", body: { pagination: { per_page: 1 } } });
});

test("an incremental run counts only the contacts changed since its start; hours for a very large workspace", async () => {
  const seen: ApiRequest[] = [];
  const context = contextAnswering(3_000_000, seen);
  context.store.update("contact_segments", { cursor: 1_700_000_000 });
  const [pass] = planPasses(selectStreams(["contact_segments"]));
  const [estimate] = await estimateOptInCost(context, pass!);
  expect(estimate?.message).toBe("contact_segments: about 3,000,000 requests (one per contact), about 5.0 hours at the rate limit");
  expect(seen[0]?.body).toMatchObject({ query: { field: "updated_at", operator: ">", value: 1_699_999_999 } });
});

test("no estimate for a default-set stream, nor when the parent's answer has no count", async () => {
  const seen: ApiRequest[] = [];
  for (const pass of planPasses(selectStreams(["company_segments", "conversation_parts", "teams"]))) {
    expect(await estimateOptInCost(contextAnswering(10, seen), pass)).toEqual([]);
  }
  expect(seen).toEqual([]);
  const [pass] = planPasses(selectStreams(["contact_notes"]));
  expect(await estimateOptInCost(contextAnswering(undefined), pass!)).toEqual([]);
});

test("custom object instances: a guess of one per conversation, and the types read whole are named as not read by reference", async () => {
  const [pass] = planPasses(selectStreams(["custom_object_instances"]));
  const [byReference] = await estimateOptInCost(contextAnswering(1_200), pass!);
  expect(byReference?.message).toBe(
    "custom_object_instances: one request per record the 1,200 conversations to read refer to (each once; a guess of one each: about 8 seconds at the rate limit)",
  );
  const context = contextAnswering(1_200);
  context.options.wholeTypes = ["Order", "Subscription"];
  const [withWhole] = await estimateOptInCost(context, pass!);
  expect(withWhole?.message).toBe(
    "custom_object_instances: one request per record the 1,200 conversations to read refer to, except those of Order, Subscription, listed whole instead (each once; a guess of one each: about 8 seconds at the rate limit)",
  );
});
