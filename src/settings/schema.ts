/**
 * The settings of a run, defined once: their defaults, their bounds and the valibot schema every entry point
 * produces its `Settings` with — the flags and the config file (cli/option-values.ts reads the bounds, cli/parser.ts
 * the defaults), `demo`, and the Airbyte and Singer configs. The engine (runSync) and connect() consume them, and
 * fall back on the same defaults when a library caller leaves a setting out.
 * @example
 * const settings = parseSettings({ token, baseUrl: "https://api.intercom.io", lookbackDays: 1 });
 * settings.windowDays; // 30
 */
import * as v from "valibot";
import { ConfigError } from "../errors.ts";
import { API_VERSIONS, DEFAULT_API_VERSION } from "../api-versions.ts";
import { MAX_DURATION_MS } from "./duration.ts";
import { BEFORE_EARLIEST_DATE, EARLIEST_DATE } from "./iso-date.ts";

/** Inclusive bounds of each numeric setting; a value outside them is a usage error (exit 2). */
export const SETTING_BOUNDS = {
  lookbackDays: { min: 0, max: 3650 },
  searchLagMinutes: { min: 0, max: 1440 },
  windowDays: { min: 1, max: 3650 },
  activityLogsWindowDays: { min: 1, max: 91 },
  concurrency: { min: 1, max: 64 },
  requestTimeoutSeconds: { min: 1, max: 3600 },
} as const;

/** The value of every setting nobody gave. */
export const SETTING_DEFAULTS = {
  intercomVersion: DEFAULT_API_VERSION,
  /** Give up on an answer after this long; a check and a run alike. */
  requestTimeoutSeconds: 60,
  allowInsecureHttp: false,
  fullRefresh: false,
  lookbackDays: 0,
  /** Intercom's search index lags writes: read nothing updated in the last 5 minutes. */
  searchLagMinutes: 5,
  windowDays: 30,
  activityLogsWindowDays: 30,
  /** At ~150 ms a request, 32 in flight is what it takes to use Intercom's 10,000-a-minute budget. */
  concurrency: 32,
  failFast: false,
  /** Internal notes are in the transcripts, labelled as internal. */
  omitInternalNotes: false,
} as const;

type NumericSetting = keyof typeof SETTING_BOUNDS;

function bounded(name: NumericSetting) {
  const { min, max } = SETTING_BOUNDS[name];
  return v.optional(
    v.pipe(
      v.number("must be a number"),
      v.integer("must be a whole number"),
      v.minValue(min, `must be at least ${min}`),
      v.maxValue(max, `must be at most ${max}`),
    ),
    SETTING_DEFAULTS[name],
  );
}

function switchedOff(name: "allowInsecureHttp" | "fullRefresh" | "failFast" | "omitInternalNotes") {
  return v.optional(v.boolean("must be true or false"), SETTING_DEFAULTS[name]);
}

export const SettingsSchema = v.object({
  /** The access token, already resolved (flag, variable or config); never printed. */
  token: v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty")),
  /** The resolved, validated base URL (see http/base-url.ts). */
  baseUrl: v.pipe(v.string("must be a string"), v.minLength(1, "must not be empty")),
  intercomVersion: v.optional(
    v.picklist(API_VERSIONS, `must be one of the versions whose schemas ship: ${API_VERSIONS.join(", ")}`),
    SETTING_DEFAULTS.intercomVersion,
  ),
  requestTimeoutSeconds: bounded("requestTimeoutSeconds"),
  allowInsecureHttp: switchedOff("allowInsecureHttp"),
  /** Unix seconds: the first run's lower bound. */
  since: v.optional(
    v.pipe(v.number("must be unix seconds"), v.integer("must be whole seconds"), v.minValue(EARLIEST_DATE, BEFORE_EARLIEST_DATE)),
  ),
  fullRefresh: switchedOff("fullRefresh"),
  lookbackDays: bounded("lookbackDays"),
  searchLagMinutes: bounded("searchLagMinutes"),
  windowDays: bounded("windowDays"),
  activityLogsWindowDays: bounded("activityLogsWindowDays"),
  concurrency: bounded("concurrency"),
  failFast: switchedOff("failFast"),
  /** --omit-internal-notes: conversation and ticket transcripts leave teammates' internal notes out. */
  omitInternalNotes: switchedOff("omitInternalNotes"),
  /** --custom-object-types: the custom object types custom_object_instances lists whole. */
  customObjectTypes: v.optional(v.array(v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not name an empty type")))),
  /** --max-duration: stop at the next checkpoints once exceeded (exit 5). */
  maxDuration: v.optional(v.object({ ms: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_DURATION_MS)), text: v.string() })),
});

/** A validated run: every default applied, every bound checked. */
export type Settings = v.InferOutput<typeof SettingsSchema>;
/** What an entry point gives: the token and base URL, and any settings it has (the rest take their defaults). */
export type SettingsInput = v.InferInput<typeof SettingsSchema>;

/** The settings the engine reads (runSync); connect() reads the rest. */
export type EngineSettings = EngineSettingsAsIs & {
  /** customObjectTypes, as the engine calls the types of a child of references read whole. */
  wholeTypes?: readonly string[];
};

type EngineSettingsAsIs = Pick<
  Settings,
  | "since"
  | "fullRefresh"
  | "lookbackDays"
  | "searchLagMinutes"
  | "windowDays"
  | "activityLogsWindowDays"
  | "concurrency"
  | "failFast"
  | "intercomVersion"
  | "omitInternalNotes"
>;

/** `input` with defaults applied; ConfigError naming the first bad setting otherwise (the token is never quoted). */
export function parseSettings(input: SettingsInput): Settings {
  const parsed = v.safeParse(SettingsSchema, input);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const key = v.getDotPath(issue) ?? "settings";
  throw new ConfigError(`setting ${key} ${issue.message}`);
}

/** The engine's part of `settings`, for runSync. */
export function engineSettings(settings: Settings): EngineSettings {
  const { since, fullRefresh, lookbackDays, searchLagMinutes, windowDays, activityLogsWindowDays, concurrency, failFast } = settings;
  // The version decides what a version-dependent stream reads (streams/versioned.ts).
  const { intercomVersion, omitInternalNotes, customObjectTypes } = settings;
  return {
    ...(customObjectTypes === undefined ? {} : { wholeTypes: customObjectTypes }),
    since,
    fullRefresh,
    lookbackDays,
    searchLagMinutes,
    windowDays,
    activityLogsWindowDays,
    concurrency,
    failFast,
    intercomVersion,
    omitInternalNotes,
  };
}
