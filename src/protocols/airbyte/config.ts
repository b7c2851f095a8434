/**
 * The Airbyte config file: the Airbyte Intercom source's keys (access_token, start_date, lookback_window,
 * activity_logs_time_step; client_id/client_secret are accepted and ignored), plus our own base_url, region,
 * omit_internal_notes, the report streams' settings (report-config.ts) and custom_object_types.
 * `CONNECTION_SPECIFICATION` is what `spec` announces; `parseAirbyteConfig` is what `check`/`discover`/`read` use: it
 * makes the run's Settings, so bounds and defaults are the CLI's (settings/schema.ts).
 */
import * as v from "valibot";
import { resolveBaseUrl } from "../../http/base-url.ts";
import type { JsonSchema } from "../../schema/json-schema.ts";
import { runtime } from "../../runtime/mod.ts";
import { BEFORE_EARLIEST_DATE, EARLIEST_DATE, parseIsoDate } from "../../settings/iso-date.ts";
import { parseSettings, SETTING_BOUNDS as BOUNDS, SETTING_DEFAULTS as DEFAULTS, type Settings } from "../../settings/schema.ts";
import { parseReportConfig, reportConfigProperties } from "../report-config.ts";
import { PROTOCOL_KEYS_STATEMENT } from "../state-keys-limit.ts";
import { parseWith, readJsonFile } from "./json-file.ts";

/** `start_date` as parseIsoDate accepts it: a date, or a date-time with Z or an offset. */
const START_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2}))?$";

/**
 * JSON Schema (draft-07, as Airbyte wants) of the config, as the SPEC message carries it. `airbyte_secret` hides
 * the token in Airbyte's UI; `order` is the form order.
 */
export const CONNECTION_SPECIFICATION = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "Intercom Spec",
  // The one place (with discover's deleted-at field) that says how far deletions travel in the state.
  description: PROTOCOL_KEYS_STATEMENT,
  type: "object",
  required: ["access_token"],
  additionalProperties: true,
  properties: {
    access_token: {
      title: "Access token",
      type: "string",
      description: "Intercom access token (Developer Hub > your app > Authentication).",
      airbyte_secret: true,
      order: 0,
    },
    start_date: {
      title: "Start date",
      type: "string",
      description: "UTC date and time (or date) to export from on the first run, e.g. 2020-11-16T00:00:00Z. Default: everything.",
      examples: ["2020-11-16T00:00:00Z", "2020-11-16"],
      // A pattern, not `format: date-time`, so the platform's form takes a plain date as the connector does
      // (settings/iso-date.ts: a time needs Z or an offset).
      pattern: START_DATE_PATTERN,
      pattern_descriptor: "YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ",
      order: 1,
    },
    lookback_window: {
      title: "Lookback window",
      type: "integer",
      description: "Days to move every saved cursor back, to re-read late updates.",
      default: DEFAULTS.lookbackDays,
      minimum: BOUNDS.lookbackDays.min,
      maximum: BOUNDS.lookbackDays.max,
      order: 2,
    },
    activity_logs_time_step: {
      title: "Activity logs stream slice step size (in days)",
      type: "integer",
      description: "Time window of each activity logs request.",
      default: DEFAULTS.activityLogsWindowDays,
      minimum: BOUNDS.activityLogsWindowDays.min,
      maximum: BOUNDS.activityLogsWindowDays.max,
      order: 3,
    },
    region: {
      title: "Region",
      type: "string",
      description: "Intercom data region: us, eu or au. Default us.",
      enum: ["us", "eu", "au"],
      order: 4,
    },
    base_url: {
      title: "API base URL",
      type: "string",
      description: "Overrides region, e.g. for a proxy.",
      order: 5,
    },
    omit_internal_notes: {
      title: "Omit internal notes",
      type: "boolean",
      description:
        "Leave teammates' internal notes out of conversation_transcripts and ticket_transcripts (by default they are in, labelled as internal).",
      default: DEFAULTS.omitInternalNotes,
      order: 6,
    },
    ...reportConfigProperties(7),
    custom_object_types: {
      title: "Custom object types read whole",
      type: "array",
      items: { type: "string", minLength: 1 },
      description:
        'custom_object_instances: list these custom object types whole (every instance, deleted ones retracted), e.g. ["Order"]. Other types: the instances conversations and tickets refer to.',
      order: 11,
    },
  },
} as JsonSchema;

const ConfigSchema = v.looseObject({
  access_token: v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty")),
  start_date: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.transform(parseIsoDate),
      v.number("must be an ISO 8601 date in UTC, e.g. 2020-11-16T00:00:00Z"),
      v.minValue(EARLIEST_DATE, BEFORE_EARLIEST_DATE),
    ),
  ),
  lookback_window: days("lookbackDays"),
  activity_logs_time_step: days("activityLogsWindowDays"),
  region: v.optional(v.picklist(["us", "eu", "au"], "must be us, eu or au")),
  base_url: v.optional(v.string("must be a string")),
  omit_internal_notes: v.optional(v.boolean("must be true or false"), DEFAULTS.omitInternalNotes),
  custom_object_types: v.optional(
    v.array(
      v.pipe(v.string("must be a list of type identifiers"), v.trim(), v.minLength(1, "must not name an empty type")),
      "must be a list of type identifiers",
    ),
  ),
});

/** A number of days within the setting's bounds, the setting's default when left out. */
function days(setting: "lookbackDays" | "activityLogsWindowDays") {
  const { min, max } = BOUNDS[setting];
  return v.optional(
    v.pipe(v.number("must be a number of days"), v.integer("must be whole days"), v.minValue(min), v.maxValue(max)),
    DEFAULTS[setting],
  );
}

/** Validates a parsed config into the run's Settings (every other setting at its default); throws ConfigError naming the bad key. */
export function parseAirbyteConfig(value: unknown): Settings {
  const config = parseWith(ConfigSchema, value, "config");
  // Checked with the rest, so `check` and `discover` refuse a bad one too; read by loadReportConfig.
  parseReportConfig(value);
  return parseSettings({
    token: config.access_token,
    baseUrl: resolveBaseUrl({ baseUrl: config.base_url, region: config.region, envBaseUrl: runtime.env("INTERCOM_BASE_URL") }),
    since: config.start_date,
    lookbackDays: config.lookback_window,
    activityLogsWindowDays: config.activity_logs_time_step,
    omitInternalNotes: config.omit_internal_notes,
    customObjectTypes: config.custom_object_types,
  });
}

export async function loadAirbyteConfig(path: string): Promise<Settings> {
  return parseAirbyteConfig(await readJsonFile(path, "config file"));
}
