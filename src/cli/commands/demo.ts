/**
 * `intercom-sync demo`: a fake Intercom workspace on 127.0.0.1, exported like a real one, so a newcomer sees
 * the tool work without an account. Writes demo.sqlite and shows queries to try (or JSON lines with --jsonl).
 */
import { runtime } from "../../runtime/mod.ts";
import { selectStreams } from "../../streams/select.ts";
import { createLogger } from "../logger.ts";
import type { CliCommand } from "../parser.ts";
import { runExport } from "../run-export.ts";
import { table } from "../summary.ts";

type DemoCommand = Extract<CliCommand, { command: "demo" }>;

/** The demo workspace's `app.id_code`. */
export const DEMO_APP_ID = "demo";

export const DEMO_QUERIES: { title: string; sql: string }[] = [
  {
    title: "Conversations per team per week",
    sql: `SELECT json_extract(data, '$.team_assignee_id') AS team, strftime('%Y-%W', created_at, 'unixepoch') AS week, count(*) AS conversations
FROM conversations GROUP BY team, week ORDER BY week DESC, conversations DESC LIMIT 10;`,
  },
  {
    title: "Busiest contacts by conversation count",
    sql: `SELECT json_extract(c.data, '$.source.author.id') AS contact, count(*) AS n FROM conversations c GROUP BY contact ORDER BY n DESC LIMIT 5;`,
  },
  {
    title: "Open tickets by state",
    sql: `SELECT ticket_state, count(*) FROM tickets GROUP BY ticket_state;`,
  },
];

export async function demoCommand(options: DemoCommand): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const now = Math.floor(Date.now() / 1000) - 3600;
  // Loaded on demand: the generator is only needed here, and every other command starts faster without it.
  const { startFakeIntercom } = await import("../../fake/mod.ts");
  // A recognisable workspace id: a database bound to it is a demo's, and demo writes into no other.
  const fake = await startFakeIntercom({ sizes: { contacts: options.contacts }, now, appId: DEMO_APP_ID });
  const sqlite = options.jsonl ? undefined : (options.sqlite ?? "demo.sqlite");
  try {
    logger.info(`Demo workspace serving on ${fake.url} (a fake Intercom; nothing leaves this machine).`);
    const exitCode = await runExport(
      {
        baseUrl: fake.url,
        token: "test-token",
        intercomVersion: "2.11",
        streams: selectStreams(options.streams),
        sqlite,
        fullRefresh: true,
        lookbackDays: 0,
        searchLagMinutes: 5,
        windowDays: 30,
        activityLogsWindowDays: 30,
        concurrency: 32,
        failFast: false,
        ownDatabaseOnly: true,
      },
      logger,
    );
    if (sqlite && exitCode === 0) await showQueries(sqlite);
    return exitCode;
  } finally {
    await fake.close();
  }
}

async function showQueries(path: string): Promise<void> {
  const db = await runtime.openSqlite(path);
  const out: string[] = [`\nWrote ${path}. Try:\n`];
  try {
    for (const query of DEMO_QUERIES) {
      out.push(`-- ${query.title}\nsqlite3 ${path} "${query.sql.replace(/\n/g, " ")}"\n`);
    }
    const [first] = DEMO_QUERIES;
    const rows = db.prepare(first!.sql).all();
    if (rows.length > 0) {
      const columns = Object.keys(rows[0]!);
      out.push(`${first!.title}:\n${table([columns, ...rows.map((row) => columns.map((column) => String(row[column] ?? "")))])}\n`);
    }
  } catch {
    /* a partial demo database may lack a table; the queries are still worth showing */
  } finally {
    db.close();
  }
  const writer = runtime.stdout().getWriter();
  await writer.write(new TextEncoder().encode(out.join("\n")));
  writer.releaseLock();
}
