/**
 * What incremental runs cost in requests: a full run, a run after nothing changed and a run after 1 % of the
 * companies, contacts, conversations and tickets changed, each with company_segments read by segment listing
 * (the default) and one request per company (`membershipRead: "per-parent"`, the code path before), every
 * stream of the default set. Requests are counted by the fake (in this process, no latency, no rate limit):
 * they do not depend on the machine's load. Each run's export is reduced to a digest of its rows (per stream,
 * order aside), and the two strategies' digests must be equal run for run.
 * Usage: bun scripts/bench/incremental.ts '<IncrementalArgs as JSON>'   (bench.ts --incremental-only runs it)
 */
import { createHash } from "node:crypto";
import { runSync } from "../../src/engine/run-sync.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { DEFAULT_SIZES, startFakeIntercom, type FakeSizes } from "../../src/fake/mod.ts";
import { createApiClient } from "../../src/http/client.ts";
import type { JsonRecord, Sink } from "../../src/sinks/types.ts";
import { childArgs, report } from "./child.ts";

export interface IncrementalArgs {
  seed: number;
  sizes: Partial<FakeSizes>;
  /** Share of records changed before the third run, e.g. 0.01. */
  changeShare: number;
}

type Strategy = "listing" | "per-parent";
const RUNS = ["full", "no-change", "1 %-change"] as const;

export interface IncrementalRun {
  run: (typeof RUNS)[number];
  strategy: Strategy;
  requests: number;
  /** Requests per fake route, the largest first. */
  byRoute: Record<string, number>;
  records: number;
  /** sha256 over the sorted digests of every row, per stream. */
  digest: string;
  seconds: number;
}

export interface IncrementalReport {
  sizes: Partial<FakeSizes>;
  memberships: number;
  runs: IncrementalRun[];
  /** The no-change run's requests by listing, as a share of the per-company path's. */
  noChangeShare: number;
  /** Every run exported the same rows with both strategies. */
  sameExports: boolean;
}

/** A sink that keeps one hash per row: enough to tell two exports apart, small enough for 100,000 contacts. */
function digestSink(): Sink & { digest(): string; records: number } {
  const rows = new Map<string, string[]>();
  let records = 0;
  return {
    async open() {},
    async write(stream: string, page: readonly JsonRecord[]) {
      const list = rows.get(stream) ?? [];
      for (const row of page) list.push(createHash("sha1").update(JSON.stringify(row)).digest("base64"));
      rows.set(stream, list);
      records += page.length;
    },
    async close() {},
    digest() {
      const all = createHash("sha256");
      for (const stream of [...rows.keys()].sort()) all.update(`${stream}:${rows.get(stream)!.sort().join(",")};`);
      return all.digest("hex");
    },
    get records() {
      return records;
    },
  };
}

async function measureStrategy(args: IncrementalArgs, strategy: Strategy): Promise<{ runs: IncrementalRun[]; memberships: number }> {
  const fake = await startFakeIntercom({ seed: args.seed, sizes: args.sizes, rateLimit: { limit: 1_000_000_000, windowMs: 10_000 } });
  try {
    const store = memoryStateStore();
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "intercom-sync bench", maxAttempts: 4 });
    const runs: IncrementalRun[] = [];
    for (const run of RUNS) {
      if (run !== "full") fake.workspace.now += 86_400;
      if (run === "1 %-change") changeShare(fake.workspace, args.changeShare);
      const before = { ...fake.stats.byRoute };
      const requestsBefore = fake.stats.requests;
      const sink = digestSink();
      const began = performance.now();
      const result = await runSync({ client, sink, store, searchLagMinutes: 0, now: () => (fake.workspace.now + 1) * 1000, membershipRead: strategy });
      if (result.outcome !== "ok") throw new Error(`${strategy} ${run}: ${result.streams.map((s) => `${s.name} ${s.outcome} ${s.error?.message ?? ""}`).join("; ")}`);
      const byRoute = Object.fromEntries(
        Object.entries(fake.stats.byRoute)
          .map(([route, count]) => [route, count - (before[route] ?? 0)] as const)
          .filter(([, count]) => count > 0)
          .sort((a, b) => b[1] - a[1]),
      );
      runs.push({
        run,
        strategy,
        requests: fake.stats.requests - requestsBefore,
        byRoute,
        records: sink.records,
        digest: sink.digest(),
        seconds: Math.round((performance.now() - began) / 100) / 10,
      });
      process.stderr.write(`[bench] incremental ${strategy} ${run}: ${runs.at(-1)!.requests} requests, ${sink.records} records\n`);
    }
    let memberships = 0;
    for (const _ of fake.workspace.records("company_segments")) memberships++;
    return { runs, memberships };
  } finally {
    await fake.close();
  }
}

/** Changes every 1/share-th company, contact, conversation (a new part) and ticket, spread over the workspace. */
function changeShare(workspace: Awaited<ReturnType<typeof startFakeIntercom>>["workspace"], share: number): void {
  const step = Math.max(1, Math.round(1 / share));
  const every = (stream: "companies" | "contacts" | "conversations" | "tickets", change: (id: string) => void) => {
    let i = 0;
    const ids: string[] = [];
    for (const record of workspace.records(stream)) if (i++ % step === 0) ids.push(String(record.id));
    for (const id of ids) change(id);
  };
  every("companies", (id) => workspace.updateCompany(id));
  every("contacts", (id) => workspace.updateContact(id));
  every("conversations", (id) => workspace.addConversationPart(id));
  every("tickets", (id) => workspace.updateTicket(id));
}

export async function measureIncremental(args: IncrementalArgs): Promise<IncrementalReport> {
  const listing = await measureStrategy(args, "listing");
  const perParent = await measureStrategy(args, "per-parent");
  const runs = RUNS.flatMap((run) => [listing.runs, perParent.runs].map((list) => list.find((entry) => entry.run === run)!));
  const noChange = (list: IncrementalRun[]) => list.find((entry) => entry.run === "no-change")!.requests;
  return {
    sizes: args.sizes,
    memberships: listing.memberships,
    runs,
    noChangeShare: noChange(listing.runs) / noChange(perParent.runs),
    sameExports: RUNS.every((run) => listing.runs.find((e) => e.run === run)!.digest === perParent.runs.find((e) => e.run === run)!.digest),
  };
}

export function incrementalMarkdown(result: IncrementalReport): string {
  const s = { ...DEFAULT_SIZES, ...result.sizes };
  const lines = [
    `### Requests per incremental run (${s.companies} companies in ${s.segments} segments, ${result.memberships} memberships; ` +
      `${s.contacts} contacts, ${s.conversations} conversations, ${s.tickets} tickets)`,
    "",
    "| run | by segment listing | one request per company | company_segments by listing |",
    "|---|---|---|---|",
  ];
  for (const run of RUNS) {
    const listing = result.runs.find((entry) => entry.run === run && entry.strategy === "listing")!;
    const perParent = result.runs.find((entry) => entry.run === run && entry.strategy === "per-parent")!;
    const segmentRoutes = ["GET /segments", "GET /companies", "GET /companies/{id}/segments"]
      .map((route) => `${route}: ${listing.byRoute[route] ?? 0}`)
      .join(", ");
    lines.push(`| ${run} | ${listing.requests.toLocaleString("en-US")} | ${perParent.requests.toLocaleString("en-US")} | ${segmentRoutes} |`);
  }
  lines.push(
    "",
    `No-change run by listing: ${(result.noChangeShare * 100).toFixed(1)} % of the per-company path's requests (target ≤ 5 %); ` +
      `exports ${result.sameExports ? "the same" : "DIFFERENT"} run for run.`,
  );
  return `${lines.join("\n")}\n`;
}

if (import.meta.main) {
  report(await measureIncremental(childArgs<IncrementalArgs>()));
}
