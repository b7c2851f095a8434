/**
 * The workspace's reporting export jobs: enqueued, pending for a while (wall clock), then complete or failed;
 * at most `maxPending` pending at once (another tool's included); a download that expires. Kept per workspace,
 * outside the generated records, since jobs are the API's state, not the workspace's data.
 */
import type { ApiVersion } from "../../api-versions.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeReportBehaviour } from "./behaviour.ts";
import type { FakeAttribute, FakeDataset } from "./datasets.ts";

export interface FakeReportJob {
  id: string;
  dataset: FakeDataset;
  attributes: FakeAttribute[];
  start: number;
  end: number;
  /** The workspace clock at enqueue: the job's data is what had happened by then. */
  now: number;
  version: ApiVersion;
  enqueuedMs: number;
  readyMs: number;
  fails: boolean;
  /** The job's position among the workspace's jobs, from 0 (alternates the gzip header). */
  n: number;
}

export interface ReportJobStats {
  enqueued: number;
  /** Enqueues refused with 429 because the pending limit was reached. */
  refused: number;
  /** The most of the workspace's jobs ever pending at once, other tools' included. */
  maxPendingSeen: number;
  failed: number;
  downloads: number;
}

export class ReportJobs {
  readonly #jobs = new Map<string, FakeReportJob>();
  readonly stats: ReportJobStats = { enqueued: 0, refused: 0, maxPendingSeen: 0, failed: 0, downloads: 0 };

  get(id: string): FakeReportJob | undefined {
    return this.#jobs.get(id);
  }

  status(job: FakeReportJob, nowMs: number): "pending" | "complete" | "failed" {
    if (nowMs < job.readyMs) return "pending";
    return job.fails ? "failed" : "complete";
  }

  pending(nowMs: number, behaviour: FakeReportBehaviour): number {
    let n = nowMs < behaviour.othersUntilMs ? behaviour.othersPending : 0;
    for (const job of this.#jobs.values()) if (this.status(job, nowMs) === "pending") n++;
    return n;
  }

  /** The new job, or undefined when the pending limit is reached. */
  enqueue(
    spec: Omit<FakeReportJob, "id" | "enqueuedMs" | "readyMs" | "fails" | "n">,
    appId: string,
    nowMs: number,
    behaviour: FakeReportBehaviour,
  ): FakeReportJob | undefined {
    const pendingBefore = this.pending(nowMs, behaviour);
    if (pendingBefore >= behaviour.maxPending) {
      this.stats.refused++;
      return undefined;
    }
    const n = this.stats.enqueued++;
    const fails = behaviour.failNext > 0;
    if (fails) {
      behaviour.failNext--;
      this.stats.failed++;
    }
    const job: FakeReportJob = {
      ...spec,
      id: `${appId}-report-${(n + 1).toString(36).padStart(6, "0")}`,
      enqueuedMs: nowMs,
      readyMs: nowMs + behaviour.jobMs,
      fails,
      n,
    };
    this.#jobs.set(job.id, job);
    this.stats.maxPendingSeen = Math.max(this.stats.maxPendingSeen, pendingBefore + 1);
    return job;
  }
}

const byWorkspace = new WeakMap<Workspace, ReportJobs>();

/** The reporting export jobs of a fake workspace (created on first use). */
export function reportJobs(ws: Workspace): ReportJobs {
  let jobs = byWorkspace.get(ws);
  if (!jobs) byWorkspace.set(ws, jobs = new ReportJobs());
  return jobs;
}
