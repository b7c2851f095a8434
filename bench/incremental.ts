/**
 * What incremental runs cost in requests: a full run, a run after nothing changed and a run after 1 % of the
 * companies, contacts, conversations and tickets changed, each with company_segments read by segment listing
 * (the default) and one request per company (`membershipRead: "per-parent"`, the code path before), every
 * stream of the default set. Requests are counted by the fake (in this process, no latency, no rate limit):
 * they do not depend on the machine's load. Each run's export is reduced to a digest of its rows (per stream,
 * order aside), and the two strategies' digests must be equal run for run.
 * Usage: bun bench/incremental.ts '<IncrementalArgs as JSON>'   (bench.ts --incremental-only runs it)
 */
import { createHash } from "node:crypto";
import { runSync } from "../src/engine/run-sync.ts";
import { memoryStateStore } from "../src/engine/state-store.ts";
import { DEFAULT_SIZES, type FakeSizes, startFakeIntercom } from "../src/fake/mod.ts";
import { createApiClient } from "../src/http/client.ts";
import type { JsonRecord, Sink } from "../src/sinks/types.ts";
import { childArgs, report } from "./child.ts";

export interface IncrementalArgs {
  seed: number;
  sizes: Partial<FakeSizes>;
  /** Share of records changed before the third run, e.g. 0.01. */
  changeShare: number;
}

/**
 * "listing": by segment listing, the companies' own `segments` lists filled (as the fake and the description have
 * them); "listing, lists empty": the same where Intercom leaves those lists empty, so the companies without users
 * are read one by one; "per-parent": one request per company, the code path before.
 */
type Strategy = "listing" | "listing, lists empty" | "per-parent";
const RUNS = ["full", "no-change", "1 %-change"] as const;

export interface IncrementalRun {
  run: (typeof RUNS)[number];
  strategy: Strategy;
  requests: number;
  /** Requests per fake route, the largest first. */
  byRoute: Record<string, number>;
  records: number;
  /** Per stream, sha256 over the sorted digests of its rows. */
  digests: Record<string, string>;
  seconds: number;
}

export interface IncrementalReport {
  sizes: Partial<FakeSizes>;
  memberships: number;
  runs: IncrementalRun[];
  /** The no-change run's requests by listing, as a share of the per-company path's. */
  noChangeShare: number;
  /** The same with the companies' segments lists empty. */
  noChangeShareListsEmpty: number;
  /** Every run exported the same rows with every strategy. */
  sameExports: boolean;
}

/** A sink that keeps one hash per row: enough to tell two exports apart, small enough for 100,000 contacts. */
function digestSink(): Sink & { digests(): Record<string, string>; records: number } {
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
    digests() {
      const out: Record<string, string> = {};
      for (const stream of [...rows.keys()].sort()) out[stream] = createHash("sha256").update(rows.get(stream)!.sort().join(",")).digest("hex");
      return out;
    },
    get records() {
      return records;
    },
  };
}

async function measureStrategy(args: IncrementalArgs, strategy: Strategy): Promise<{ runs: IncrementalRun[]; memberships: number }> {
  const fake = await startFakeIntercom({
    seed: args.seed,
    sizes: args.sizes,
    rateLimit: { limit: 1_000_000_000, windowMs: 10_000 },
    companySegmentsEmbedded: strategy !== "listing, lists empty",
  });
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
      const result = await runSync({
        client,
        sink,
        store,
        searchLagMinutes: 0,
        now: () => (fake.workspace.now + 1) * 1000,
        membershipRead: strategy === "per-parent" ? "per-parent" : "listing",
      });
      if (result.outcome !== "ok") {
        throw new Error(`${strategy} ${run}: ${result.streams.map((s) => `${s.name} ${s.outcome} ${s.error?.message ?? ""}`).join("; ")}`);
      }
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
        digests: sink.digests(),
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
  const listsEmpty = await measureStrategy(args, "listing, lists empty");
  const perParent = await measureStrategy(args, "per-parent");
  const all = [listing.runs, listsEmpty.runs, perParent.runs];
  const runs = RUNS.flatMap((run) => all.map((list) => list.find((entry) => entry.run === run)!));
  const noChange = (list: IncrementalRun[]) => list.find((entry) => entry.run === "no-change")!.requests;
  const digests = (list: IncrementalRun[], run: string) => list.find((entry) => entry.run === run)!.digests;
  // The variant's fake leaves the companies' segments lists empty, so its companies rows differ by that field alone.
  const same = (a: Record<string, string>, b: Record<string, string>, apart: string[] = []) => {
    const streams = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...streams].every((stream) => apart.includes(stream) || a[stream] === b[stream]);
  };
  return {
    sizes: args.sizes,
    memberships: listing.memberships,
    runs,
    noChangeShare: noChange(listing.runs) / noChange(perParent.runs),
    noChangeShareListsEmpty: noChange(listsEmpty.runs) / noChange(perParent.runs),
    sameExports: RUNS.every(
      (run) =>
        same(digests(listing.runs, run), digests(perParent.runs, run)) &&
        same(digests(listsEmpty.runs, run), digests(perParent.runs, run), ["companies"]),
    ),
  };
}

export function incrementalMarkdown(result: IncrementalReport): string {
  const s = { ...DEFAULT_SIZES, ...result.sizes };
  const lines = [
    `### Requests per incremental run (${s.companies} companies in ${s.segments} segments, ${result.memberships} memberships; ` +
    `${s.contacts} contacts, ${s.conversations} conversations, ${s.tickets} tickets)`,
    "",
    "| run | by segment listing | by listing, companies' segments lists empty | one request per company | company_segments by listing |",
    "|---|---|---|---|---|",
  ];
  for (const run of RUNS) {
    const find = (strategy: Strategy) => result.runs.find((entry) => entry.run === run && entry.strategy === strategy)!;
    const [listing, listsEmpty, perParent] = [find("listing"), find("listing, lists empty"), find("per-parent")];
    const count = (entry: IncrementalRun) => entry.requests.toLocaleString("en-US");
    const segmentRoutes = ["GET /segments", "GET /companies", "GET /companies/{id}/segments"]
      .map((route) => `${route}: ${listing.byRoute[route] ?? 0}`)
      .join(", ");
    lines.push(`| ${run} | ${count(listing)} | ${count(listsEmpty)} | ${count(perParent)} | ${segmentRoutes} |`);
  }
  lines.push(
    "",
    `No-change run by listing: ${(result.noChangeShare * 100).toFixed(1)} % of the per-company path's requests (target ≤ 5 %); ` +
      `${(result.noChangeShareListsEmpty * 100).toFixed(1)} % where Intercom leaves the companies' segments lists empty ` +
      `(the companies without users are then read one by one on every run). ` +
      `The three export${result.sameExports ? " the same rows" : " DIFFERENT rows"} run for run (compared by digest, per stream; ` +
      "the companies rows of the empty-lists variant left out, since its fake empties that field).",
  );
  return `${lines.join("\n")}\n`;
}

if (import.meta.main) {
  report(await measureIncremental(childArgs<IncrementalArgs>()));
}
