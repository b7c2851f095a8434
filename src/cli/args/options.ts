/**
 * The `sync` command's options, each declared once (declare-option.ts): its names, values, help, default, and its
 * config-file key or why it has none. The command line (parser.ts) and the config file's key table
 * (config-file/keys.ts) are both derived from these. The connection and logging options are other commands' too.
 * The order here is the order of `--help`.
 */
import { message } from "@optique/core/message";
import { choice, integer, string } from "@optique/core/valueparser";
import { API_VERSIONS, DEFAULT_API_VERSION } from "../../api-versions.ts";
import { SETTING_BOUNDS as BOUNDS, SETTING_DEFAULTS as DEFAULTS } from "../../settings/schema.ts";
import { defaultedOption, flagOption, valueOption } from "./declare-option.ts";
import { reportAttributes } from "./report-attributes.ts";
import { REPORT_BOUNDS } from "../../engine/reports/report-settings.ts";
import { apiVersion, customObjectTypes, duration, filePath, isoDate, streamList } from "./value-parsers.ts";

/** The state file `sync`, `verify --repair` and `state` use without --state. */
export const DEFAULT_STATE_PATH = "intercom-sync.state.json";

/** Which workspace, and how to reach it: `sync`, `check`, `verify` and `reports`. */
export const CONNECTION_OPTIONS = {
  token: valueOption({
    names: ["--token"],
    values: string({ metavar: "TOKEN" }),
    help: message`Intercom access token. Prefer the INTERCOM_ACCESS_TOKEN environment variable: flags show up in process lists and shell history.`,
    config: { flagOnly: "a token belongs in INTERCOM_ACCESS_TOKEN: config files end up in git" },
  }),
  region: valueOption({
    names: ["--region"],
    values: choice(["us", "eu", "au"]),
    help:
      message`Intercom data region: us (api.intercom.io), eu (api.eu.intercom.io) or au (api.au.intercom.io). Default us. Given explicitly, it wins over INTERCOM_BASE_URL.`,
    config: "text",
  }),
  baseUrl: valueOption({
    names: ["--base-url"],
    values: string({ metavar: "URL" }),
    help: message`API base URL (overrides --region and INTERCOM_BASE_URL), e.g. for a proxy or a test server.`,
    config: "text",
  }),
  intercomVersion: defaultedOption({
    names: ["--intercom-version"],
    values: apiVersion(),
    help: message`Intercom API version: the Intercom-Version header, and the schemas records are checked against. One of ${API_VERSIONS.join(", ")}.`,
    default: DEFAULT_API_VERSION,
    config: "text",
  }),
  requestTimeout: defaultedOption({
    names: ["--request-timeout"],
    values: integer({ ...BOUNDS.requestTimeoutSeconds, metavar: "SECONDS" }),
    help: message`Give up on an answer after this many seconds (then retry; the run's first request fails at once).`,
    default: DEFAULTS.requestTimeoutSeconds,
    config: "whole number",
  }),
  allowInsecureHttp: flagOption({
    names: ["--allow-insecure-http"],
    help:
      message`Allow a plain http:// base URL to another machine. Without it, http:// is refused except to 127.0.0.1, ::1 or localhost: the token would cross the network unencrypted.`,
    default: DEFAULTS.allowInsecureHttp,
    config: "true or false",
  }),
};

/** What is said on stderr, and how: every command. */
export const LOGGING_OPTIONS = {
  quiet: flagOption({ names: ["-q", "--quiet"], help: message`Print only errors on stderr.`, default: false, config: "true or false" }),
  verbose: flagOption({
    names: ["-v", "--verbose"],
    help: message`Log every request retry, rate-limit wait and skipped record.`,
    default: false,
    config: "true or false",
  }),
  logFormat: defaultedOption({
    names: ["--log-format"],
    values: choice(["text", "json"]),
    help: message`stderr format: text for people, json (one object per line) for log collectors.`,
    default: "text" as const,
    config: "text",
  }),
};

/** `sync`'s own options: what to export, from when, and where to. */
export const SYNC_OPTIONS = {
  since: valueOption({
    names: ["--since"],
    values: isoDate(),
    help:
      message`Export only records updated (activity logs: created) at or after this date on the first run, e.g. 2024-01-01 or 2024-01-01T00:00:00Z. Later runs continue from the saved state.`,
    config: "text",
  }),
  streams: valueOption({
    names: ["--streams"],
    values: streamList(),
    help:
      message`Comma-separated streams to export (default: every stream but the opt-in ones, which cost a request per contact). See \`intercom-sync streams\`.`,
    config: "stream names",
  }),
  state: defaultedOption({
    names: ["--state"],
    values: filePath("--state"),
    help: message`Incremental state file.`,
    default: DEFAULT_STATE_PATH,
    config: "text",
  }),
  fullRefresh: flagOption({
    names: ["--full-refresh"],
    help: message`Ignore the saved state for this run; write fresh state at the end.`,
    default: DEFAULTS.fullRefresh,
    config: "true or false",
  }),
  lookbackDays: defaultedOption({
    names: ["--lookback-days"],
    values: integer({ ...BOUNDS.lookbackDays, metavar: "DAYS" }),
    help: message`Move every saved cursor back this many days for this run, to re-read late updates.`,
    default: DEFAULTS.lookbackDays,
    config: "whole number",
  }),
  searchLagMinutes: defaultedOption({
    names: ["--search-lag-minutes"],
    values: integer({ ...BOUNDS.searchLagMinutes, metavar: "MINUTES" }),
    help: message`Read nothing updated in the last N minutes: Intercom's search index lags writes. The next run picks those up.`,
    default: DEFAULTS.searchLagMinutes,
    config: "whole number",
  }),
  windowDays: defaultedOption({
    names: ["--window-days"],
    values: integer({ ...BOUNDS.windowDays, metavar: "DAYS" }),
    help: message`Time window for contacts, conversations and tickets searches.`,
    default: DEFAULTS.windowDays,
    config: "whole number",
  }),
  activityLogsWindowDays: defaultedOption({
    names: ["--activity-logs-window-days"],
    values: integer({ ...BOUNDS.activityLogsWindowDays, metavar: "DAYS" }),
    help: message`Time window for activity log requests (1–91).`,
    default: DEFAULTS.activityLogsWindowDays,
    config: "whole number",
  }),
  reportWindowDays: valueOption({
    names: ["--report-window-days"],
    values: integer({ ...REPORT_BOUNDS.windowDays, metavar: "DAYS" }),
    help: message`Report streams: days per reporting export job, a file each (default 1).`,
    config: "whole number",
  }),
  reportReexportDays: valueOption({
    names: ["--report-reexport-days"],
    values: integer({ ...REPORT_BOUNDS.reexportDays, metavar: "DAYS" }),
    help: message`Report streams: export the last N days again on each run, as recent metrics change until conversations close (default 7).`,
    config: "whole number",
  }),
  reportPendingJobs: valueOption({
    names: ["--report-pending-jobs"],
    values: integer({ ...REPORT_BOUNDS.pendingJobs, metavar: "N" }),
    help: message`Report streams: export jobs pending at once (1–5, default 3; Intercom allows 5 per workspace, the rest is left to other tools).`,
    config: "whole number",
  }),
  reportAttributes: valueOption({
    names: ["--report-attributes"],
    values: reportAttributes(),
    help: message`Report streams: only these attributes, e.g. conversation=conversation_id,channel;tickets=ticket_id (default: every attribute).`,
    config: "text",
  }),
  concurrency: defaultedOption({
    names: ["--concurrency"],
    values: integer({ ...BOUNDS.concurrency, metavar: "N" }),
    help: message`Requests in flight at once, shared by all streams. Intercom's rate limit is respected whatever the value.`,
    default: DEFAULTS.concurrency,
    config: "whole number",
  }),
  sqlite: valueOption({
    names: ["--sqlite"],
    values: filePath("--sqlite"),
    help: message`Write into this SQLite database (one table per stream, upserted by key) instead of JSON lines on stdout.`,
    config: "text",
  }),
  parquet: valueOption({
    names: ["--parquet"],
    values: filePath("--parquet"),
    help:
      message`Write one Parquet file per stream into this directory (typed columns, the latest version of each record, _deleted_at); the files whose rows changed are replaced together at the end of each run; the directory carries its own state.`,
    config: "text",
  }),
  csv: valueOption({
    names: ["--csv"],
    values: filePath("--csv"),
    help: message`Write one CSV file (RFC 4180, header row) per stream into this directory, like --parquet.`,
    config: "text",
  }),
  markdownDir: valueOption({
    names: ["--markdown-dir"],
    values: filePath("--markdown-dir"),
    help:
      message`Write one markdown file (YAML front matter + the transcript) per conversation, ticket and article into this directory, articles in their collections' folders; implies the document streams (conversation_transcripts, ticket_transcripts, article_documents). Only changed files are rewritten; the directory carries its own state.`,
    config: "text",
  }),
  output: valueOption({
    names: ["-o", "--output"],
    values: filePath("--output"),
    help:
      message`Append JSON lines to this file instead of stdout, exactly once: the state records the file's length, and a run killed at any point resumes without a duplicate or torn line.`,
    config: "text",
  }),
  newOutput: flagOption({
    names: ["--new-output"],
    help:
      message`With --output: continue the saved cursors in this file instead of the one the state records (e.g. a new file each month); the old file is left as it is.`,
    default: false,
    config: { flagOnly: "a decision for one run: in a file, every run would start a new output file" },
  }),
  failFast: flagOption({
    names: ["--fail-fast"],
    help: message`Stop every stream at the first stream failure.`,
    default: DEFAULTS.failFast,
    config: "true or false",
  }),
  omitInternalNotes: flagOption({
    names: ["--omit-internal-notes"],
    help:
      message`Leave teammates' internal notes out of conversation_transcripts and ticket_transcripts (by default they are in, labelled as internal).`,
    default: DEFAULTS.omitInternalNotes,
    config: "true or false",
  }),
  customObjectTypes: valueOption({
    names: ["--custom-object-types"],
    values: customObjectTypes(),
    help:
      message`custom_object_instances: read these custom object types whole (every instance, also those nothing refers to; one deleted is retracted), e.g. Order,Subscription. Other types: the instances conversations and tickets refer to.`,
    config: "text",
  }),
  maxDuration: valueOption({
    names: ["--max-duration"],
    values: duration(),
    help:
      message`Stop every stream at its next checkpoint once the run has taken this long (e.g. 5h30m, 90m, 45s; at most 8760h) and exit 5; run again to continue.`,
    config: "text",
  }),
  // Read by config-file/read.ts after parsing: the file fills what the command line leaves unset.
  config: valueOption({
    names: ["--config"],
    values: string({ metavar: "FILE" }),
    help: message`JSON file of settings named like the flags (e.g. {"since": "2024-01-01", "lookback-days": 1}); flags given here win.`,
    config: { flagOnly: "the file cannot name itself" },
  }),
  format: defaultedOption({
    names: ["--format"],
    values: choice(["jsonl", "singer"]),
    help: message`stdout format: jsonl ({"stream","data"} per record) or singer (Singer SCHEMA, RECORD and STATE messages).`,
    default: "jsonl" as const,
    config: "text",
  }),
};

/** Every option of `sync`, in the order of its `--help` (and of the config file's keys). */
export const SYNC_COMMAND_OPTIONS = { ...SYNC_OPTIONS, ...CONNECTION_OPTIONS, ...LOGGING_OPTIONS };
