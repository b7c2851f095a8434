/** The demo: its queries answer what their titles say, and `demo --serve` is a workspace to rehearse against. */
import { describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { DEMO_QUERIES } from "../../src/cli/commands/demo.ts";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { isStreamName } from "../../src/streams/catalog.ts";
import { sqliteQuery } from "../helpers/cli-sync.ts";
import { BUN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

function query(title: string): string {
  return DEMO_QUERIES.find((candidate) => candidate.title === title)!.sql;
}

describe("demo queries", () => {
  test("busiest contacts are contacts (never admins), open tickets by state count only open tickets, contacts per tag count every link", async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "demo.sqlite");
      const run = await runCli(["demo", "--sqlite", db, "--contacts", "60", "--quiet"]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain("Busiest contacts");
      // The demo deletes a few records after its first run; the second finds them and keeps them, marked.
      const deleted = await sqliteQuery(db, query("Records deleted in Intercom, found by the second run"));
      expect(deleted.map((row) => row.stream).sort()).toEqual(["companies", "conversations", "conversations", "tags"]);
      expect(run.stdout).toContain("Records deleted in Intercom, found by the second run:");

      // The sample has conversations an admin started: the old query counted those admins as contacts.
      const adminStarted = await sqliteQuery(
        db,
        "SELECT count(*) AS n FROM conversations WHERE json_extract(data, '$.source.author.type') = 'admin'",
      );
      expect(Number(adminStarted[0]!.n)).toBeGreaterThan(0);
      const busiest = await sqliteQuery(db, query("Busiest contacts by conversation count"));
      expect(busiest.length).toBeGreaterThan(0);
      const contactIds = new Set((await sqliteQuery(db, "SELECT id FROM contacts")).map((row) => String(row.id)));
      for (const row of busiest) {
        expect({ contact: row.contact, known: contactIds.has(String(row.contact)) }).toEqual({ contact: row.contact, known: true });
      }

      const resolved = await sqliteQuery(db, "SELECT count(*) AS n FROM tickets WHERE ticket_state = 'resolved'");
      expect(Number(resolved[0]!.n)).toBeGreaterThan(0);
      const open = await sqliteQuery(db, query("Open tickets by state"));
      expect(open.map((row) => row.ticket_state)).not.toContain("resolved");
      const openCount = await sqliteQuery(db, "SELECT count(*) AS n FROM tickets WHERE json_extract(data, '$.open') = 1");
      expect(open.reduce((sum, row) => sum + Number(row.tickets), 0)).toBe(Number(openCount[0]!.n));

      // Contacts per tag counts link rows: the whole lists, also of contacts that show only 10 of their tags.
      const perTag = await sqliteQuery(db, query("Contacts per tag"));
      expect(perTag.length).toBeGreaterThan(0);
      const busiestTag = await sqliteQuery(
        db,
        "SELECT count(DISTINCT contact_id) AS n FROM contact_tags_live WHERE id = (SELECT id FROM tags WHERE name = ?)",
        String(perTag[0]!.tag),
      );
      expect(Number(perTag[0]!.contacts)).toBe(Number(busiestTag[0]!.n));
      const pastTen = await sqliteQuery(
        db,
        "SELECT count(*) AS n FROM (SELECT contact_id FROM contact_tags_live GROUP BY contact_id HAVING count(*) > 10)",
      );
      expect(Number(pastTen[0]!.n)).toBeGreaterThan(0);
      // The tag the demo deletes took its links with it: none is live, and the query does not count it.
      const deletedTag = String(deleted.find((row) => row.stream === "tags")!.id);
      const [{ name: deletedName }] = (await sqliteQuery(db, "SELECT name FROM tags WHERE id = ?", deletedTag)) as [{ name: string }];
      const linksOfDeleted = await sqliteQuery(db, "SELECT count(*) AS n, count(_deleted_at) AS marked FROM contact_tags WHERE id = ?", deletedTag);
      expect(Number(linksOfDeleted[0]!.n)).toBeGreaterThan(0);
      expect(linksOfDeleted[0]!.marked).toBe(linksOfDeleted[0]!.n);
      const allTags = await sqliteQuery(db, query("Contacts per tag").replace(/LIMIT \d+/, ""));
      expect(allTags.map((row) => row.tag)).not.toContain(deletedName);
      // Every article filed in a collection is counted once, under its collection's name, with its languages.
      const perCollection = await sqliteQuery(db, query("Help Center articles per collection, and in how many languages"));
      expect(perCollection.length).toBeGreaterThan(1);
      const filed = await sqliteQuery(db, "SELECT count(*) AS n FROM articles WHERE json_array_length(data, '$.parent_ids') > 0");
      expect(perCollection.reduce((sum, row) => sum + Number(row.articles), 0)).toBe(Number(filed[0]!.n));
      for (const row of perCollection) expect(typeof row.collection).toBe("string");
      expect(Math.max(...perCollection.map((row) => Number(row.languages)))).toBeGreaterThan(1);
    });
  }, 30_000);

  test("every query but the one about deletions reads the live views, never a table that keeps deleted rows", () => {
    for (const { title, sql } of DEMO_QUERIES) {
      if (title.startsWith("Records deleted")) continue;
      const tables = [...sql.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_]+)/gi)].map((match) => match[1]!);
      expect({ title, base: tables.filter((table) => isStreamName(table)) }).toEqual({ title, base: [] });
      expect(tables.filter((table) => table.endsWith("_live")).length).toBeGreaterThan(0);
    }
  });

  test("a port without --serve is a usage error that says where it goes", async () => {
    const run = await runCli(["demo", "9000"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--serve 9000");
  });
});

describe("demo --serve", () => {
  test("prints a URL and the commands to try; check and sync work against it; Ctrl-C stops it", async () => {
    await withTempDir(async (dir) => {
      const server = spawn(BUN, ["src/cli/main.ts", "demo", "--serve", "0", "--contacts", "40"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: dir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const exited = new Promise<number | null>((resolve) => server.on("close", (code) => resolve(code)));
      let stdout = "";
      server.stdout.on("data", (chunk) => (stdout += chunk));
      try {
        const deadline = Date.now() + 15_000;
        while (!/--sqlite demo\.sqlite\n/.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        const url = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
        expect(url).toBeDefined();
        const token = /export INTERCOM_ACCESS_TOKEN=(\S+)/.exec(stdout)?.[1];
        expect(token).toBeDefined();

        // The printed commands, run as printed (intercom-sync → bun src/cli/main.ts, relative files in a temp dir).
        const printed = stdout.split("\n").filter((line) => line.trim().startsWith("intercom-sync ")).map((line) =>
          line.trim().split(/\s+/).slice(1)
        );
        expect(printed.length).toBe(2);
        for (const args of printed) {
          const withPaths = args.map((arg) => (arg.startsWith("demo.") ? join(dir, arg) : arg));
          const run = await runCli([...withPaths, "--quiet"], { env: { INTERCOM_ACCESS_TOKEN: token! } });
          expect({ args, code: run.exitCode, stderr: run.stderr }).toEqual({ args, code: 0, stderr: "" });
        }
        const rows = await sqliteQuery(join(dir, "demo.sqlite"), "SELECT count(*) AS n FROM contacts");
        expect(Number(rows[0]!.n)).toBe(40);
      } finally {
        server.kill("SIGINT");
      }
      expect(await exited).toBe(EXIT.interrupted);
    });
  }, 60_000);
});
