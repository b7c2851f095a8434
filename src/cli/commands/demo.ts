/**
 * `intercom-sync demo`: a fake Intercom workspace on 127.0.0.1, exported like a real one, so a newcomer sees
 * the tool work without an account. Writes demo.sqlite and shows queries to try (or JSON lines with --jsonl, or
 * Parquet or CSV files with --parquet DIR / --csv DIR and DuckDB lines to read them, or markdown files with
 * --markdown-dir DIR);
 * `demo --serve [PORT]` only serves the workspace, for rehearsing `sync` and `check` against it.
 */
import { ConfigError } from "../../errors.ts";
import { runtime } from "../../runtime/mod.ts";
import type { RunningServer } from "../../runtime/types.ts";
import { parseSettings, SETTING_DEFAULTS } from "../../settings/schema.ts";
import { splitStreamNames } from "../../streams/report-names.ts";
import { selectStreams } from "../../streams/select.ts";
import { EXIT } from "../exit-codes.ts";
import { createLogger, type Logger } from "../report/logger.ts";
import type { FakeIntercom } from "../../fake/types.ts";
import type { CliCommand } from "../args/parser.ts";
import { runExport } from "./export.ts";
import { table } from "../report/summary.ts";
import { type Output, parseOutput } from "../../outputs/output.ts";
import { outputEntry } from "../../outputs/registry.ts";
import { TRANSCRIPT_FOLDERS } from "../../sinks/markdown-dir/paths.ts";
import { readManifest } from "../../sinks/snapshot-manifest.ts";
import { snapshotFilePath, type SnapshotFormat } from "../../sinks/snapshot-paths.ts";

type DemoCommand = Extract<CliCommand, { command: "demo" }>;

/** The demo workspace's `app.id_code`. */
export const DEMO_APP_ID = "demo";

/** Every query but the one about deletions reads `<table>_live` views: the tables keep what Intercom deleted. */
export const DEMO_QUERIES: { title: string; sql: string }[] = [
  {
    title: "Conversations per team per week",
    sql: `SELECT json_extract(data, '$.team_assignee_id') AS team, strftime('%Y-%W', created_at, 'unixepoch') AS week, count(*) AS conversations
FROM conversations_live GROUP BY team, week ORDER BY week DESC, conversations DESC LIMIT 10;`,
  },
  {
    // Kept, not removed: `_deleted_at` says when Intercom deleted each; every table has a <name>_live view.
    title: "Records deleted in Intercom, found by the second run",
    sql: `SELECT 'conversations' AS stream, id, datetime(_deleted_at, 'unixepoch') AS deleted_at FROM conversations WHERE _deleted_at IS NOT NULL
UNION ALL SELECT 'companies', id, datetime(_deleted_at, 'unixepoch') FROM companies WHERE _deleted_at IS NOT NULL
UNION ALL SELECT 'tags', id, datetime(_deleted_at, 'unixepoch') FROM tags WHERE _deleted_at IS NOT NULL;`,
  },
  {
    // The conversation's contacts, not source.author: an admin can start a conversation too.
    title: "Busiest contacts by conversation count",
    sql: `SELECT json_extract(contact.value, '$.id') AS contact, count(*) AS conversations
FROM conversations_live, json_each(conversations_live.data, '$.contacts.contacts') AS contact GROUP BY contact ORDER BY conversations DESC LIMIT 5;`,
  },
  {
    // contact_tags holds one row per (contact, tag), the whole list even past the 10 a contact shows; a deleted
    // tag's rows are marked deleted with it.
    title: "Contacts per tag",
    sql: `SELECT tags.name AS tag, count(*) AS contacts FROM contact_tags_live AS links JOIN tags_live AS tags ON tags.id = links.id
GROUP BY tags.name ORDER BY contacts DESC LIMIT 5;`,
  },
  {
    title: "Open tickets by state",
    sql: `SELECT ticket_state, count(*) AS tickets FROM tickets_live WHERE open = 1 GROUP BY ticket_state ORDER BY tickets DESC;`,
  },
  {
    // parent_ids, not parent_id: 2.16 sends only the list. `<>`, not `!=`: the line is pasted into a shell.
    title: "Help Center articles per collection, and in how many languages",
    sql: `SELECT json_extract(c.data, '$.name') AS collection, count(*) AS articles,
sum(json_extract(a.data, '$.state') = 'published') AS published,
max((SELECT count(*) FROM json_each(a.data, '$.translated_content') WHERE key <> 'type')) AS languages
FROM articles_live AS a JOIN collections_live AS c ON json_extract(c.data, '$.id') = CAST(json_extract(a.data, '$.parent_ids[0]') AS TEXT)
GROUP BY collection ORDER BY articles DESC LIMIT 10;`,
  },
];

/** What `demo --streams reports` shows: the answers the reporting datasets give, as SQL over the demo database. */
const DEMO_REPORT_QUERIES: { title: string; sql: string }[] = [
  {
    title: "SLA hit rate by team and week",
    sql: `SELECT team_assigned AS team, strftime('%Y-W%W', sla_applied_at, 'unixepoch') AS week, count(*) AS slas,
round(100.0 * sum(sla_status = 'Hit') / sum(sla_status IN ('Hit', 'Missed')), 1) AS hit_rate_pct
FROM report_conversation_sla_status_log_live GROUP BY team, week ORDER BY week DESC, team LIMIT 12;`,
  },
  {
    title: "Median first response time in office hours (minutes)",
    sql: `WITH r AS (SELECT first_response_time_office_hours AS t, row_number() OVER (ORDER BY first_response_time_office_hours) AS n,
count(*) OVER () AS c FROM report_conversation_live WHERE first_response_time_office_hours IS NOT NULL)
SELECT round(avg(t) / 60.0, 1) AS median_minutes FROM r WHERE n IN ((c + 1) / 2, (c + 2) / 2);`,
  },
  {
    title: "Handling time per teammate",
    sql: `SELECT teammate, teammate_raw_id, count(*) AS conversations, round(sum(handling_time) / 3600.0, 1) AS hours,
round(avg(handling_time) / 60.0, 1) AS avg_minutes FROM report_teammate_handling_conversation_live
WHERE handling_time IS NOT NULL GROUP BY teammate_raw_id ORDER BY hours DESC LIMIT 10;`,
  },
];

/** The port `demo --serve` listens on when none is given: fixed, so a rehearsal's state file stays valid. */
export const DEMO_PORT = 8089;
const DEMO_TOKEN = "test-token";

export async function demoCommand(options: DemoCommand): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  if (options.port !== undefined && !options.serve) {
    throw new ConfigError(`a port (${options.port}) goes with --serve: intercom-sync demo --serve ${options.port}`);
  }
  if (options.serve) return serveDemo(options, logger);
  const now = Math.floor(Date.now() / 1000) - 3600;
  // Loaded on demand: the generator is only needed here, and every other command starts faster without it.
  const { startFakeIntercom } = await import("../../fake/mod.ts");
  // A recognisable workspace id: a database bound to it is a demo's, and demo writes into no other.
  const fake = await startFakeIntercom({ sizes: { contacts: options.contacts }, now, appId: DEMO_APP_ID });
  // Through the parser sync uses: demo's output is one the flags could name (--jsonl: stdout, the default).
  const output = demoOutput(options);
  // The file outputs run twice (deletions found by the second run); stdout once.
  const written = output.kind === "stdout-jsonl" ? undefined : output;
  // Report streams only when named (--streams reports): a month a job, and the fake's jobs are done at once.
  const { catalog: named, datasets } = splitStreamNames(options.streams);
  // An output may imply streams (--markdown-dir: the documents) or refuse ones it cannot hold, as in sync.
  const catalog = outputEntry(output).streams?.(named, datasets !== undefined) ?? named;
  const streams = catalog === undefined || catalog.length > 0 ? selectStreams(catalog) : [];
  const reports = datasets ? { reports: { datasets, windowDays: 31, jobs: { pollFirstMs: 50 } } } : {};
  try {
    logger.info(`Demo workspace serving on ${fake.url} (a fake Intercom; nothing leaves this machine).`);
    const exitCode = await runExport(
      {
        // Every other setting takes its default, as a first real sync would.
        settings: parseSettings({ baseUrl: fake.url, token: DEMO_TOKEN, fullRefresh: true }),
        streams,
        ...reports,
        output,
        ownOutputOnly: true,
      },
      logger,
    );
    if (written && exitCode !== 0) return exitCode;
    if (written) {
      // Deletions are part of the story: delete a few records "in Intercom" and let a second run find them.
      // A markdown directory holds documents only: deleting a company or a tag would show nothing there.
      const deleted = await deleteSampleRecords(fake, written.kind === "markdown-dir" ? ["conversations"] : ["conversations", "companies", "tags"]);
      logger.info(`Deleted in the sample workspace since: ${deleted}. A second run (incremental) finds them:`);
      const second = await runExport(
        {
          settings: parseSettings({ baseUrl: fake.url, token: DEMO_TOKEN }),
          streams,
          ...reports,
          output: written,
          ownOutputOnly: true,
        },
        logger,
      );
      if (second === 0 && written.kind === "sqlite") await showQueries(written.path, datasets !== undefined);
      if (second === 0 && written.kind === "markdown-dir") await showMarkdownDir(written.path);
      if (second === 0 && (written.kind === "parquet" || written.kind === "csv")) await showSnapshotQueries(written.path, written.kind);
      return second;
    }
    return exitCode;
  } finally {
    await fake.close();
  }
}

type DemoOutput = Extract<Output, { kind: "sqlite" | "parquet" | "csv" | "markdown-dir" | "stdout-jsonl" }>;

/** demo.sqlite unless --sqlite, --parquet, --csv or --markdown-dir names another output, or --jsonl prints to stdout. */
function demoOutput(options: DemoCommand): DemoOutput {
  const named = options.sqlite ?? options.parquet ?? options.csv ?? options.markdownDir;
  if (options.jsonl && named !== undefined) {
    const flag = options.sqlite !== undefined
      ? "--sqlite"
      : options.parquet !== undefined
      ? "--parquet"
      : options.csv !== undefined
      ? "--csv"
      : "--markdown-dir";
    throw new ConfigError(`--jsonl prints to stdout; leave out ${flag}`);
  }
  if (options.jsonl) return { kind: "stdout-jsonl" };
  const output = parseOutput({
    sqlite: named === undefined ? "demo.sqlite" : options.sqlite,
    parquet: options.parquet,
    csv: options.csv,
    markdownDir: options.markdownDir,
  });
  return output as Exclude<DemoOutput, { kind: "stdout-jsonl" }>;
}

type SampleDeletion = "conversations" | "companies" | "tags";

/**
 * Deletes two conversations, a company and a tag of the sample workspace (those of `streams`), stamped one search lag ago: at or after
 * the first run's bound (its start minus the lag, where the conversations' deletion cursor stands) and, once this
 * waits into the next second, before the second run's, which reads the deletion feed up to it. Says what went.
 */
async function deleteSampleRecords(fake: FakeIntercom, streams: readonly SampleDeletion[]): Promise<string> {
  const workspace = fake.workspace;
  workspace.now = Math.floor(Date.now() / 1000) - SETTING_DEFAULTS.searchLagMinutes * 60;
  const counts: Record<SampleDeletion, number> = { conversations: 2, companies: 1, tags: 1 };
  const gone = streams.map((stream) => {
    const ids = [...workspace.records(stream)].slice(1, 1 + counts[stream]).map((record) => String(record.id));
    for (const id of ids) workspace.deleteRecord(stream, id);
    return [stream, ids] as const;
  });
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
  return gone.map(([stream, ids]) => `${stream} ${ids.join(", ")}`).join("; ");
}

/** `demo --serve [PORT]`: the sample workspace as a server, until Ctrl-C, to rehearse a real setup against. */
async function serveDemo(options: DemoCommand, logger: Logger): Promise<number> {
  const { createFakeIntercom } = await import("../../fake/mod.ts");
  const fake = createFakeIntercom({ sizes: { contacts: options.contacts }, now: Math.floor(Date.now() / 1000) - 3600 });
  const port = options.port ?? DEMO_PORT;
  let server: RunningServer;
  try {
    server = await runtime.serve(fake.handler, { port, hostname: "127.0.0.1" });
  } catch (error) {
    throw new ConfigError(
      `cannot serve the demo on 127.0.0.1:${port} (${(error as Error).message}); pick another port: intercom-sync demo --serve ${port + 1}`,
    );
  }
  const stopped = new Promise<"SIGINT" | "SIGTERM">((resolve) => {
    runtime.onSignal("SIGINT", () => resolve("SIGINT"));
    runtime.onSignal("SIGTERM", () => resolve("SIGTERM"));
  });
  await writeStdout(
    [
      `Sample Intercom workspace serving on ${server.url} (a fake; nothing leaves this machine). Ctrl-C stops it.`,
      "Try, in another terminal:",
      `  export INTERCOM_ACCESS_TOKEN=${DEMO_TOKEN}`,
      `  intercom-sync check --base-url ${server.url}`,
      `  intercom-sync --base-url ${server.url} --state demo.state.json --sqlite demo.sqlite`,
      "",
    ].join("\n"),
  );
  const signal = await stopped;
  await server.close();
  logger.info("demo server stopped");
  return signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
}

async function writeStdout(text: string): Promise<void> {
  const writer = runtime.stdout().getWriter();
  await writer.write(new TextEncoder().encode(text));
  writer.releaseLock();
}

/** After a `--parquet`/`--csv` demo: the files it wrote, with DuckDB and pandas lines to read them. */
async function showSnapshotQueries(dir: string, format: SnapshotFormat): Promise<void> {
  const file = (stream: string) => snapshotFilePath(dir, stream, format);
  const from = (stream: string) => (format === "parquet" ? `'${file(stream)}'` : `read_csv('${file(stream)}')`);
  const manifest = await readManifest(dir);
  const rows = Object.entries(manifest?.streams ?? {}).map(([stream, entry]) => [stream, entry.file, String(entry.rows)]);
  const out = [
    `\nWrote ${dir}: one ${format === "parquet" ? "Parquet" : "CSV"} file per stream (rows include deleted records, marked _deleted_at).\n`,
    table([["stream", "file", "rows"], ...rows]),
    "\nTry:\n",
    `-- Live contacts and how many are deleted\nduckdb -c "SELECT count(*) FILTER (WHERE _deleted_at IS NULL) AS live, count(_deleted_at) AS deleted FROM ${
      from("contacts")
    }"\n`,
    `-- The conversations the second run found deleted\nduckdb -c "SELECT id, _deleted_at FROM ${
      from("conversations")
    } WHERE _deleted_at IS NOT NULL"\n`,
    `-- In pandas\npython3 -c "import pandas as pd; print(pd.read_${format}('${file("contacts")}').head())"\n`,
  ];
  await writeStdout(out.join("\n"));
}

async function showQueries(path: string, withReports: boolean): Promise<void> {
  const db = await runtime.openSqlite(path);
  const out: string[] = [`\nWrote ${path}. Try:\n`];
  const reportQueries = withReports ? DEMO_REPORT_QUERIES : [];
  try {
    for (const query of [...DEMO_QUERIES, ...reportQueries]) {
      out.push(`-- ${query.title}\nsqlite3 ${path} "${query.sql.replace(/\n/g, " ")}"\n`);
    }
    // The first query's answer, and the deletions the second run found.
    for (const query of [DEMO_QUERIES[0]!, DEMO_QUERIES[1]!, ...reportQueries]) {
      let rows: Record<string, unknown>[];
      try {
        rows = db.prepare(query.sql).all();
      } catch {
        continue; // a table the run did not write (a dataset not named)
      }
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]!);
      out.push(`${query.title}:\n${table([columns, ...rows.map((row) => columns.map((column) => String(row[column] ?? "")))])}\n`);
    }
  } catch {
    /* a partial demo database may lack a table; the queries are still worth showing */
  } finally {
    db.close();
  }
  await writeStdout(out.join("\n"));
}

/** After a `--markdown-dir` demo: how many files each folder holds, and how to read them. */
async function showMarkdownDir(dir: string): Promise<void> {
  const root = dir.replace(/\/+$/, "") || "/";
  const count = async (folder: string): Promise<number> => {
    let files = 0;
    for (const name of await runtime.listDirectory(folder)) {
      if (name.endsWith(".md")) files++;
      else if (!name.startsWith(".")) files += await count(`${folder}/${name}`);
    }
    return files;
  };
  const folders = [...Object.values(TRANSCRIPT_FOLDERS), "articles"];
  const counts = await Promise.all(folders.map(async (folder) => `${await count(`${root}/${folder}`)} ${folder}`));
  const first = (await runtime.listDirectory(`${root}/conversations`)).sort()[0];
  const out = [
    `\nWrote ${dir}: ${counts.join(", ")} as markdown files (front matter, then the transcript or article);`,
    "the conversations the second run found deleted have no file any more.\n",
    "Try:\n",
    ...(first === undefined ? [] : [`head -n 30 '${root}/conversations/${first}'`]),
    `python3 -c "from llama_index.core import SimpleDirectoryReader; print(len(SimpleDirectoryReader('${root}', recursive=True).load_data()))"\n`,
  ];
  await writeStdout(out.join("\n"));
}
