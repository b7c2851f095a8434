/**
 * What each sync option's value accepts, defined once: the flags (parser.ts) and the config file (settings.ts)
 * check values with these same parsers, so a bound or a choice cannot drift between the two.
 */
import { choice, integer, string } from "@optique/core/valueparser";
import { apiVersion, duration, filePath, isoDate, streamList } from "./value-parsers.ts";

export const optionValues = {
  since: isoDate(),
  streams: streamList(),
  state: filePath("--state"),
  lookbackDays: integer({ min: 0, max: 3650, metavar: "DAYS" }),
  searchLagMinutes: integer({ min: 0, max: 1440, metavar: "MINUTES" }),
  windowDays: integer({ min: 1, max: 3650, metavar: "DAYS" }),
  activityLogsWindowDays: integer({ min: 1, max: 91, metavar: "DAYS" }),
  concurrency: integer({ min: 1, max: 64, metavar: "N" }),
  sqlite: filePath("--sqlite"),
  output: filePath("--output"),
  maxDuration: duration(),
  format: choice(["jsonl", "singer"]),
  region: choice(["us", "eu", "au"]),
  baseUrl: string({ metavar: "URL" }),
  intercomVersion: apiVersion(),
  logFormat: choice(["text", "json"]),
};
