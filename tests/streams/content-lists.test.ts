/**
 * The Help Center, ticket type, subscription type, News and conversation attribute streams, through the real
 * CLI against the fake Intercom: every record once, across several pages of the page-numbered lists (the fake
 * holds pages to 3 records); articles follow updated_at client-side; conversation attributes come from
 * GET /data_attributes up to 2.14 and from GET /conversations/attributes on 2.16, keyed alike.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const STREAMS = [
  "help_centers",
  "collections",
  "articles",
  "ticket_types",
  "subscription_types",
  "newsfeeds",
  "news_items",
  "conversation_attributes",
] as const;
const PAGED = {
  collections: "GET /help_center/collections",
  articles: "GET /articles",
  news_items: "GET /news/news_items",
  newsfeeds: "GET /news/newsfeeds",
};
const SIZES = { helpCenters: 2, collections: 10, articles: 14, ticketTypes: 5, subscriptionTypes: 4, newsfeeds: 4, newsItems: 8, listPageSize: 3 };

type Line = { stream: string; data: Record<string, unknown> };
const parse = (stdout: string): Line[] =>
  stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Line);

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: pastNow(), sizes: SIZES });
});
afterAll(async () => {
  await fake.close();
});

const keyOf = (stream: string, record: Record<string, unknown>) =>
  stream === "conversation_attributes" ? `${record.model}|${record.full_name}` : String(record.id);

async function sync(dir: string, streams: readonly string[] = STREAMS, extra: string[] = []): Promise<Line[]> {
  const run = await runCli(syncArgs(fake.url, join(dir, "state.json"), ["--streams", streams.join(","), ...extra]));
  expect(run.stderr).not.toContain("differ from the schema");
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
  return parse(run.stdout);
}

describe("content and settings lists", () => {
  test("every record of each stream once, the same as the fake holds, the paged ones over several pages", async () => {
    await withTempDir(async (dir) => {
      const before = { ...fake.stats.byRoute };
      const lines = await sync(dir);
      for (const stream of STREAMS) {
        const exported = lines.filter((line) => line.stream === stream).map((line) => keyOf(stream, line.data));
        const expected = [...fake.workspace.records(stream)].map((record) => keyOf(stream, record));
        expect({ stream, count: expected.length > 0 }).toEqual({ stream, count: true });
        expect({ stream, duplicates: exported.length - new Set(exported).size }).toEqual({ stream, duplicates: 0 });
        expect({ stream, keys: exported.sort() }).toEqual({ stream, keys: expected.sort() });
      }
      for (const [stream, route] of Object.entries(PAGED)) {
        const pages = (fake.stats.byRoute[route] ?? 0) - (before[route] ?? 0);
        const records = [...fake.workspace.records(stream as (typeof STREAMS)[number])].length;
        expect({ stream, pages }).toEqual({ stream, pages: Math.ceil(records / SIZES.listPageSize) });
      }
    });
  });

  test("an article keeps every translation in one record", async () => {
    await withTempDir(async (dir) => {
      const articles = (await sync(dir, ["articles"])).map((line) => line.data);
      const locales = articles.map((a) => Object.keys(a.translated_content as object).filter((key) => key !== "type"));
      for (const list of locales) expect(list).toContain("en");
      expect(locales.some((list) => list.length > 1)).toBe(true);
    });
  });

  test("articles: a second run emits only the article edited since the first (client-side updated_at cursor)", async () => {
    await withTempDir(async (dir) => {
      const first = await sync(dir, ["articles"]);
      expect(first.length).toBe(SIZES.articles);
      const unchanged = await sync(dir, ["articles"]);
      expect(unchanged).toEqual([]);
      const edited = String([...fake.workspace.records("articles")][5]!.id);
      // After the last run's bound (this machine's clock minus the 5-minute search lag): an edit it has not read.
      fake.workspace.now = Math.floor(Date.now() / 1000) - 60;
      fake.workspace.updateArticle(edited);
      const second = await sync(dir, ["articles"]);
      expect(second.map((line) => line.data.id)).toEqual([edited]);
    });
  });
});

describe("conversation_attributes by API version", () => {
  for (
    const [version, route, other] of [
      ["2.11", "GET /data_attributes", "GET /conversations/attributes"],
      ["2.16", "GET /conversations/attributes", "GET /data_attributes"],
    ] as const
  ) {
    test(`${version} reads ${route} only, and keys every attribute by (model, full_name)`, async () => {
      await withTempDir(async (dir) => {
        const before = { ...fake.stats.byRoute };
        const lines = await sync(dir, ["conversation_attributes"], ["--intercom-version", version]);
        expect((fake.stats.byRoute[route] ?? 0) - (before[route] ?? 0)).toBe(1);
        expect((fake.stats.byRoute[other] ?? 0) - (before[other] ?? 0)).toBe(0);
        const keys = lines.map((line) => keyOf("conversation_attributes", line.data)).sort();
        expect(keys).toEqual([...fake.workspace.records("conversation_attributes")].map((r) => keyOf("conversation_attributes", r)).sort());
        expect(keys[0]).toStartWith("conversation|custom_attributes.");
      });
    });
  }

  test("check probes what the version reads: both versions ok", async () => {
    for (const version of ["2.11", "2.16"]) {
      const run = await runCli([
        "check",
        "--base-url",
        fake.url,
        "--token",
        "test-token",
        "--streams",
        "conversation_attributes",
        "--intercom-version",
        version,
      ]);
      expect({ version, exitCode: run.exitCode, out: run.stdout }).toMatchObject({ version, exitCode: 0 });
      expect(run.stdout).toContain("conversation_attributes");
    }
  });
});
