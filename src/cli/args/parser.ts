/** The command line, typed: every command, option and default in one place. */
import type { InferValue } from "@optique/core/parser";
import { merge, object, or } from "@optique/core/constructs";
import { message } from "@optique/core/message";
import { optional, withDefault } from "@optique/core/modifiers";
import { argument, command, constant, flag, option } from "@optique/core/primitives";
import { integer, string } from "@optique/core/valueparser";
import { API_VERSIONS, DEFAULT_API_VERSION } from "../../api-versions.ts";
import { airbyteParser } from "../../protocols/airbyte/parser.ts";
import { singerParser } from "../../protocols/singer/parser.ts";
import { examples } from "./help-footers.ts";
import { SETTING_DEFAULTS as DEFAULTS } from "../../settings/schema.ts";
import { filePath, optionValues, streamList } from "./value-parsers.ts";

/** The state file `sync`, `verify --repair` and `state` use without --state. */
const DEFAULT_STATE_PATH = "intercom-sync.state.json";

const connection = object({
  token: optional(
    option("--token", string({ metavar: "TOKEN" }), {
      description:
        message`Intercom access token. Prefer the INTERCOM_ACCESS_TOKEN environment variable: flags show up in process lists and shell history.`,
    }),
  ),
  region: optional(
    option("--region", optionValues.region, {
      description:
        message`Intercom data region: us (api.intercom.io), eu (api.eu.intercom.io) or au (api.au.intercom.io). Default us. Given explicitly, it wins over INTERCOM_BASE_URL.`,
    }),
  ),
  baseUrl: optional(
    option("--base-url", optionValues.baseUrl, {
      description: message`API base URL (overrides --region and INTERCOM_BASE_URL), e.g. for a proxy or a test server.`,
    }),
  ),
  intercomVersion: withDefault(
    option("--intercom-version", optionValues.intercomVersion, {
      description: message`Intercom API version: the Intercom-Version header, and the schemas records are checked against. One of ${
        API_VERSIONS.join(", ")
      }.`,
    }),
    DEFAULT_API_VERSION,
  ),
  requestTimeout: withDefault(
    option("--request-timeout", optionValues.requestTimeout, {
      description: message`Give up on an answer after this many seconds (then retry; the run's first request fails at once).`,
    }),
    DEFAULTS.requestTimeoutSeconds,
  ),
  allowInsecureHttp: withDefault(
    flag("--allow-insecure-http", {
      description:
        message`Allow a plain http:// base URL to another machine. Without it, http:// is refused except to 127.0.0.1, ::1 or localhost: the token would cross the network unencrypted.`,
    }),
    DEFAULTS.allowInsecureHttp,
  ),
});

const logging = object({
  quiet: withDefault(flag("-q", "--quiet", { description: message`Print only errors on stderr.` }), false),
  verbose: withDefault(
    flag("-v", "--verbose", { description: message`Log every request retry, rate-limit wait and skipped record.` }),
    false,
  ),
  logFormat: withDefault(
    option("--log-format", optionValues.logFormat, {
      description: message`stderr format: text for people, json (one object per line) for log collectors.`,
    }),
    "text" as const,
  ),
});

const syncOptions = object({
  command: constant("sync" as const),
  since: optional(
    option("--since", optionValues.since, {
      description:
        message`Export only records updated (activity logs: created) at or after this date on the first run, e.g. 2024-01-01 or 2024-01-01T00:00:00Z. Later runs continue from the saved state.`,
    }),
  ),
  streams: optional(
    option("--streams", optionValues.streams, {
      description:
        message`Comma-separated streams to export (default: every stream but the opt-in ones, which cost a request per contact). See \`intercom-sync streams\`.`,
    }),
  ),
  state: withDefault(
    option("--state", optionValues.state, {
      description: message`Incremental state file.`,
    }),
    DEFAULT_STATE_PATH,
  ),
  fullRefresh: withDefault(
    flag("--full-refresh", { description: message`Ignore the saved state for this run; write fresh state at the end.` }),
    DEFAULTS.fullRefresh,
  ),
  lookbackDays: withDefault(
    option("--lookback-days", optionValues.lookbackDays, {
      description: message`Move every saved cursor back this many days for this run, to re-read late updates.`,
    }),
    DEFAULTS.lookbackDays,
  ),
  searchLagMinutes: withDefault(
    option("--search-lag-minutes", optionValues.searchLagMinutes, {
      description: message`Read nothing updated in the last N minutes: Intercom's search index lags writes. The next run picks those up.`,
    }),
    DEFAULTS.searchLagMinutes,
  ),
  windowDays: withDefault(
    option("--window-days", optionValues.windowDays, {
      description: message`Time window for contacts, conversations and tickets searches.`,
    }),
    DEFAULTS.windowDays,
  ),
  activityLogsWindowDays: withDefault(
    option("--activity-logs-window-days", optionValues.activityLogsWindowDays, {
      description: message`Time window for activity log requests (1–91).`,
    }),
    DEFAULTS.activityLogsWindowDays,
  ),
  reportWindowDays: optional(
    option("--report-window-days", optionValues.reportWindowDays, {
      description: message`Report streams: days per reporting export job, a file each (default 1).`,
    }),
  ),
  reportReexportDays: optional(
    option("--report-reexport-days", optionValues.reportReexportDays, {
      description: message`Report streams: export the last N days again on each run, as recent metrics change until conversations close (default 7).`,
    }),
  ),
  reportPendingJobs: optional(
    option("--report-pending-jobs", optionValues.reportPendingJobs, {
      description:
        message`Report streams: export jobs pending at once (1–5, default 3; Intercom allows 5 per workspace, the rest is left to other tools).`,
    }),
  ),
  reportAttributes: optional(
    option("--report-attributes", optionValues.reportAttributes, {
      description:
        message`Report streams: only these attributes, e.g. conversation=conversation_id,channel;tickets=ticket_id (default: every attribute).`,
    }),
  ),
  concurrency: withDefault(
    option("--concurrency", optionValues.concurrency, {
      description: message`Requests in flight at once, shared by all streams. Intercom's rate limit is respected whatever the value.`,
    }),
    DEFAULTS.concurrency,
  ),
  sqlite: optional(
    option("--sqlite", optionValues.sqlite, {
      description: message`Write into this SQLite database (one table per stream, upserted by key) instead of JSON lines on stdout.`,
    }),
  ),
  parquet: optional(
    option("--parquet", optionValues.parquet, {
      description:
        message`Write one Parquet file per stream into this directory (typed columns, the latest version of each record, _deleted_at); the files whose rows changed are replaced together at the end of each run; the directory carries its own state.`,
    }),
  ),
  csv: optional(
    option("--csv", optionValues.csv, {
      description: message`Write one CSV file (RFC 4180, header row) per stream into this directory, like --parquet.`,
    }),
  ),
  output: optional(
    option("-o", "--output", optionValues.output, {
      description:
        message`Append JSON lines to this file instead of stdout, exactly once: the state records the file's length, and a run killed at any point resumes without a duplicate or torn line.`,
    }),
  ),
  newOutput: withDefault(
    flag("--new-output", {
      description:
        message`With --output: continue the saved cursors in this file instead of the one the state records (e.g. a new file each month); the old file is left as it is.`,
    }),
    false,
  ),
  failFast: withDefault(
    flag("--fail-fast", { description: message`Stop every stream at the first stream failure.` }),
    DEFAULTS.failFast,
  ),
  omitInternalNotes: withDefault(
    flag("--omit-internal-notes", {
      description:
        message`Leave teammates' internal notes out of conversation_transcripts and ticket_transcripts (by default they are in, labelled as internal).`,
    }),
    DEFAULTS.omitInternalNotes,
  ),
  maxDuration: optional(
    option("--max-duration", optionValues.maxDuration, {
      description:
        message`Stop every stream at its next checkpoint once the run has taken this long (e.g. 5h30m, 90m, 45s; at most 8760h) and exit 5; run again to continue.`,
    }),
  ),
  // Read by config-file.ts after parsing: the file fills what the command line leaves unset.
  config: optional(
    option("--config", string({ metavar: "FILE" }), {
      description: message`JSON file of settings named like the flags (e.g. {"since": "2024-01-01", "lookback-days": 1}); flags given here win.`,
    }),
  ),
  format: withDefault(
    option("--format", optionValues.format, {
      description: message`stdout format: jsonl ({"stream","data"} per record) or singer (Singer SCHEMA, RECORD and STATE messages).`,
    }),
    "jsonl" as const,
  ),
});

const sync = merge(syncOptions, connection, logging);

const demo = merge(
  object({
    command: constant("demo" as const),
    sqlite: optional(
      option("--sqlite", filePath("--sqlite"), {
        description: message`SQLite file to write the sample workspace into.`,
      }),
    ),
    parquet: optional(
      option("--parquet", filePath("--parquet"), {
        description: message`Write the sample workspace as Parquet files into this directory instead of a SQLite file.`,
      }),
    ),
    csv: optional(
      option("--csv", filePath("--csv"), {
        description: message`Write the sample workspace as CSV files into this directory instead of a SQLite file.`,
      }),
    ),
    jsonl: withDefault(
      flag("--jsonl", { description: message`Print JSON lines on stdout instead of writing a SQLite file.` }),
      false,
    ),
    contacts: withDefault(
      option("--contacts", integer({ min: 1, max: 10_000_000, metavar: "N" }), {
        description: message`How many contacts the sample workspace has.`,
      }),
      200,
    ),
    streams: optional(option("--streams", streamList(), { description: message`Streams to export (default: every stream but the opt-in ones).` })),
    serve: withDefault(
      flag("--serve", {
        description:
          message`Serve the sample workspace on 127.0.0.1 until Ctrl-C instead of exporting it, and print the sync and check commands to try against it.`,
      }),
      false,
    ),
    port: optional(
      argument(integer({ min: 0, max: 65_535, metavar: "PORT" }), {
        description: message`Port for --serve (default 8089; 0 picks a free one).`,
      }),
    ),
  }),
  logging,
);

const check = merge(
  object({
    command: constant("check" as const),
    streams: optional(
      option("--streams", streamList(), {
        description: message`Streams to check (default: the streams a sync exports without --streams, i.e. all but the opt-in ones).`,
      }),
    ),
  }),
  connection,
  logging,
);

const verify = merge(
  object({
    command: constant("verify" as const),
    sqlite: optional(option("--sqlite", filePath("--sqlite"), { description: message`The database a --sqlite sync wrote.` })),
    output: optional(option("-o", "--output", filePath("--output"), { description: message`The JSON lines file a --output sync wrote.` })),
    parquet: optional(
      option("--parquet", filePath("--parquet"), {
        description: message`The directory a --parquet sync wrote (its files are checked to be the rows compared).`,
      }),
    ),
    csv: optional(
      option("--csv", filePath("--csv"), { description: message`The directory a --csv sync wrote (its files are checked to be the rows compared).` }),
    ),
    streams: optional(option("--streams", streamList(), { description: message`Only these streams (default: every stream the output holds).` })),
    json: withDefault(flag("--json", { description: message`Print the comparison as JSON.` }), false),
    repair: withDefault(
      flag("--repair", {
        description:
          message`First read every contact, conversation and ticket id through search (150 per page) and write into the output deletions for ids Intercom no longer has and the records it lacks; then compare.`,
      }),
      false,
    ),
    state: withDefault(
      option("--state", filePath("--state"), {
        description:
          message`With --repair --output: the state file of the syncs that write the file (its lock is taken, the file's new length recorded).`,
      }),
      DEFAULT_STATE_PATH,
    ),
  }),
  connection,
  logging,
);

// `logging` too, so a wrapper that always passes --log-format json can call every command.
const streams = merge(
  object({
    command: constant("streams" as const),
    json: withDefault(flag("--json", { description: message`Print the catalog as JSON.` }), false),
  }),
  logging,
);

const reports = merge(
  object({
    command: constant("reports" as const),
    json: withDefault(flag("--json", { description: message`Print the datasets as JSON.` }), false),
  }),
  connection,
  logging,
);

const stateOptions = object({
  command: constant("state" as const),
  action: or(
    command("show", constant("show" as const), { description: message`Print every stream's cursor and progress.` }),
    command("reset", constant("reset" as const), {
      description: message`Forget cursors so the next run starts over (all streams, or --streams).`,
    }),
    {
      errors: {
        noMatch: message`state needs an action: \`intercom-sync state show\` or \`intercom-sync state reset\` (options before or after it).`,
      },
    },
  ),
  state: withDefault(option("--state", filePath("--state"), { description: message`State file.` }), DEFAULT_STATE_PATH),
  sqlite: optional(
    option("--sqlite", filePath("--sqlite"), {
      description: message`The database of a --sqlite sync: show the state it holds (the one that counts), or reset it too.`,
    }),
  ),
  parquet: optional(
    option("--parquet", filePath("--parquet"), {
      description: message`The directory of a --parquet sync: show the state it holds (the one that counts), or reset it too.`,
    }),
  ),
  csv: optional(
    option("--csv", filePath("--csv"), {
      description: message`The directory of a --csv sync: show the state it holds (the one that counts), or reset it too.`,
    }),
  ),
  streams: optional(option("--streams", streamList(), { description: message`Only these streams.` })),
});

const state = merge(stateOptions, logging);

export const cliParser = or(
  command("sync", sync, {
    brief: message`Export the workspace (the default command).`,
    description: message`Export the selected streams to JSON lines on stdout or into a SQLite database, incrementally from the saved state.`,
    footer: examples(
      "intercom-sync --since 2024-01-01 | gzip > intercom.jsonl.gz",
      "intercom-sync -o intercom.jsonl --max-duration 5h30m    # exactly once into a file; exit 5 at the limit",
      "intercom-sync --sqlite intercom.db --streams contacts,conversations,conversation_parts",
      "intercom-sync --sqlite intercom.db --lookback-days 2         # re-read two days of late updates",
      "intercom-sync --config intercom-sync.json --region eu",
    ),
  }),
  command("demo", demo, {
    brief: message`Export a built-in sample workspace; no Intercom account needed.`,
    description:
      message`Starts a fake Intercom workspace on 127.0.0.1 and exports it, so you can see the tool work before you connect a real workspace.`,
    footer: examples(
      "intercom-sync demo                     # demo.sqlite, then queries to try",
      "intercom-sync demo --jsonl | head -n 3",
      "intercom-sync demo --serve             # a fake Intercom on 127.0.0.1:8089 to rehearse sync and check against",
    ),
  }),
  command("check", check, {
    brief: message`Check which streams the token can read: one cheap request per stream.`,
    description:
      message`Makes one small request per selected stream and prints the stream, the Intercom permission it needs and ok, missing or error. Exits 0 when every selected stream is readable, 3 when the token is refused or lacks a permission, 2 when the URL or a setting is wrong, 1 otherwise.`,
    footer: examples("INTERCOM_ACCESS_TOKEN=… intercom-sync check", "intercom-sync check --streams tickets,activity_logs --region eu"),
  }),
  command("verify", verify, {
    brief: message`Compare an export with Intercom's own counts, in a few requests per stream.`,
    description:
      message`Compares the live rows of a --sqlite database or an --output file with Intercom: full tables and companies by id, contacts, conversations and tickets by count (naming the records updated since the newest held), conversation parts against each conversation's part count. Streams Intercom gives no number for are reported "not compared", never "ok". Exits 0 when every compared stream matches, 6 when one differs, 1 when a comparison failed or nothing could be compared.`,
    footer: examples(
      "intercom-sync verify --sqlite intercom.db",
      "intercom-sync verify --output intercom.jsonl --json",
      "intercom-sync verify --sqlite intercom.db --repair   # deletions and missing records of contacts, conversations, tickets",
      "intercom-sync verify --parquet intercom-parquet/     # the staging rows, and that each file is the one written from them",
    ),
  }),
  command("streams", streams, {
    brief: message`List the streams with their keys, cursors and required permissions.`,
    footer: examples(
      "intercom-sync streams",
      "intercom-sync streams --json | jq -r '.[] | select(.default) | .name'   # the streams a run exports by default",
    ),
  }),
  command("reports", reports, {
    brief: message`List the workspace's reporting datasets (report_<dataset> streams) and their attributes.`,
    description:
      message`Intercom's own numbers (SLA hit or miss, response and handling times, CX score) come only from its reporting export: each dataset is an opt-in stream report_<dataset>, exported with --streams reports or --streams report_conversation,….`,
    footer: examples("intercom-sync reports", "intercom-sync reports --json | jq -r '.[].stream'"),
  }),
  command("state", state, {
    brief: message`Show or reset the incremental state file.`,
    footer: examples(
      "intercom-sync state show",
      "intercom-sync state reset --streams contacts   # contacts start over next run",
      "intercom-sync state reset --sqlite intercom.db # the database's cursors too (they are the ones that count)",
    ),
  }),
  command("airbyte", airbyteParser, {
    brief: message`Speak the Airbyte source protocol: spec, check, discover, read.`,
    description:
      message`Run as an Airbyte source: spec, check --config, discover --config, read --config --catalog [--state]. stdout carries only Airbyte messages.`,
    footer: examples(
      "intercom-sync airbyte spec",
      "intercom-sync airbyte check --config config.json",
      "intercom-sync airbyte discover --config config.json",
      "intercom-sync airbyte read --config config.json --catalog configured_catalog.json --state state.json",
    ),
  }),
  command("singer", singerParser, {
    brief: message`Run as a Singer tap (Meltano): --config [--discover | --catalog F] [--state F].`,
    description:
      message`A Singer tap: --discover prints the catalog; otherwise the selected streams are read as SCHEMA, RECORD and STATE messages on stdout, from the bookmarks of --state on. Logs go to stderr.`,
    footer: examples(
      'intercom-sync singer --config tap.json --discover > catalog.json   # then mark streams "selected": true',
      "intercom-sync singer --config tap.json --catalog catalog.json --state state.json | target-jsonl",
    ),
  }),
  sync,
);

export type CliCommand = InferValue<typeof cliParser>;
export type SyncCommand = Extract<CliCommand, { command: "sync" }>;
