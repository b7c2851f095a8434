/**
 * What each sync option's value accepts, defined once: the flags (parser.ts) and the config file (settings.ts)
 * check values with these same parsers, so a bound or a choice cannot drift between the two. The bounds
 * themselves are the settings module's (settings/schema.ts), which the Airbyte and Singer configs share.
 */
import { choice, integer, string } from "@optique/core/valueparser";
import { SETTING_BOUNDS as BOUNDS } from "../settings/schema.ts";
import { reportAttributes } from "./report-attributes.ts";
import { apiVersion, duration, filePath, isoDate, streamList } from "./value-parsers.ts";

export const optionValues = {
  since: isoDate(),
  streams: streamList(),
  state: filePath("--state"),
  lookbackDays: integer({ ...BOUNDS.lookbackDays, metavar: "DAYS" }),
  searchLagMinutes: integer({ ...BOUNDS.searchLagMinutes, metavar: "MINUTES" }),
  windowDays: integer({ ...BOUNDS.windowDays, metavar: "DAYS" }),
  activityLogsWindowDays: integer({ ...BOUNDS.activityLogsWindowDays, metavar: "DAYS" }),
  concurrency: integer({ ...BOUNDS.concurrency, metavar: "N" }),
  requestTimeout: integer({ ...BOUNDS.requestTimeoutSeconds, metavar: "SECONDS" }),
  sqlite: filePath("--sqlite"),
  output: filePath("--output"),
  maxDuration: duration(),
  format: choice(["jsonl", "singer"]),
  region: choice(["us", "eu", "au"]),
  baseUrl: string({ metavar: "URL" }),
  intercomVersion: apiVersion(),
  logFormat: choice(["text", "json"]),
  reportWindowDays: integer({ min: 1, max: 31, metavar: "DAYS" }),
  reportReexportDays: integer({ min: 0, max: 90, metavar: "DAYS" }),
  reportPendingJobs: integer({ min: 1, max: 5, metavar: "N" }),
  reportAttributes: reportAttributes(),
};
