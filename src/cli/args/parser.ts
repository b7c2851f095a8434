/** The command line, typed: every command and its options (sync's declared once in options.ts). */
import type { InferValue } from "@optique/core/parser";
import { merge, object, or } from "@optique/core/constructs";
import { message } from "@optique/core/message";
import { optional, withDefault } from "@optique/core/modifiers";
import { argument, command, constant, flag, option } from "@optique/core/primitives";
import { integer } from "@optique/core/valueparser";
import { airbyteParser } from "../../protocols/airbyte/parser.ts";
import { singerParser } from "../../protocols/singer/parser.ts";
import { parsersOf } from "./declare-option.ts";
import { examples } from "./help-footers.ts";
import { CONNECTION_OPTIONS, DEFAULT_STATE_PATH, LOGGING_OPTIONS, SYNC_OPTIONS } from "./options.ts";
import { filePath, streamList } from "./value-parsers.ts";

// sync's options (and the connection and logging ones other commands share) are declared in options.ts, where the
// config file's key table is derived from too.
const connection = object(parsersOf(CONNECTION_OPTIONS));
const logging = object(parsersOf(LOGGING_OPTIONS));
const syncOptions = object({ command: constant("sync" as const), ...parsersOf(SYNC_OPTIONS) });

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
    markdownDir: optional(
      option("--markdown-dir", filePath("--markdown-dir"), {
        description:
          message`Write the sample workspace's conversations, tickets and articles as markdown files into this directory instead of a SQLite file.`,
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
    // custom_object_instances is then probed with the first type's whole listing, the request a sync makes for it.
    customObjectTypes: SYNC_OPTIONS.customObjectTypes.parser,
    // A sync's config file: check takes from it what it shares with sync (CHECK_CONFIG_FIELDS).
    config: SYNC_OPTIONS.config.parser,
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
  markdownDir: optional(
    option("--markdown-dir", filePath("--markdown-dir"), {
      description: message`The directory of a --markdown-dir sync: show the state it holds (the one that counts), or reset it too.`,
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
      "intercom-sync demo --markdown-dir docs  # transcripts and articles as .md files",
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
