/**
 * A report stream's saved protocol state: the cursor it resumes from and the jobs a killed run left (re-used by
 * the next run); a job list that does not parse is dropped (those windows are enqueued again), never an error.
 */
import { expect, test } from "bun:test";
import { reportProgress } from "../../src/protocols/report-catalog.ts";

const job = { jobId: "j1", datasetId: "tickets", attributeIds: ["ticket.ticket_id"], start: 86_400, end: 172_800, enqueuedAt: 1_700_000_000 };

test("the cursor and the held jobs are read back; a bad job list is dropped", () => {
  expect(reportProgress({ cursor: 172_800, reportJobs: [job] })).toEqual({ cursor: 172_800, reportJobs: [job] });
  // Killed before its first window was written: the jobs alone.
  expect(reportProgress({ reportJobs: [job] })).toEqual({ reportJobs: [job] });
  expect(reportProgress({ cursor: 172_800, reportJobs: [{ ...job, start: -1 }] })).toEqual({ cursor: 172_800 });
  expect(reportProgress({ cursor: 172_800, reportJobs: [] })).toEqual({ cursor: 172_800 });
  expect(reportProgress({ reportJobs: "nonsense" })).toBeUndefined();
  expect(reportProgress(null)).toBeUndefined();
});
