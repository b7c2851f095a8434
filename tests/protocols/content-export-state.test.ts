/**
 * content_receipts' held Content Data Export job travels in the protocols' STATE as a report stream's jobs do: an
 * Airbyte or Singer state carrying our `{cursor, reportJobs}` is read back with the job, so the run after a killed
 * sync re-uses it (src/engine/reports/held-jobs.ts).
 */
import { expect, test } from "bun:test";
import { parseStateInput } from "../../src/protocols/airbyte/state-input.ts";
import { protocolProgress } from "../../src/protocols/state-keys-limit.ts";

const held = { jobId: "content7", datasetId: "content_data", attributeIds: [], start: 0, end: 1_700_000_000, enqueuedAt: 1_699_999_000 };

test("our STATE of content_receipts with its held job is read back with the job", () => {
  const carried = protocolProgress({ cursor: 1_690_000_000, reportJobs: [held] });
  expect(carried).toEqual({ cursor: 1_690_000_000, reportJobs: [held] });
  // Airbyte's per-stream STATE and Singer's bookmarks.
  for (
    const state of [
      [{ type: "STREAM", stream: { stream_descriptor: { name: "content_receipts" }, stream_state: carried } }],
      { bookmarks: { content_receipts: carried } },
    ]
  ) {
    const mapped = parseStateInput(state).streams.content_receipts!;
    expect(mapped.problems).toEqual([]);
    expect(mapped.progress).toEqual({ cursor: 1_690_000_000, reportJobs: [held] });
  }
});
