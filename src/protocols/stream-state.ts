/**
 * One stream's saved state, as another tool (or we) wrote it → our StreamProgress, or the reasons it cannot be
 * understood. Shapes accepted, from the Airbyte Intercom connector's own test states and its state migration
 * (airbytehq/airbyte, source-intercom: integration_tests/sample_state.json, abnormal_state.json, components.py
 * SubstreamStateMigration) and the Airbyte CDK's concurrent cursors:
 * - `{"updated_at": 1700000000}` (activity_logs: `created_at`), the cursor as an integer, a digit string or ISO;
 * - a root stream's cursor also nested under its own name (`{"updated_at": …, "conversations": {"updated_at": …}}`);
 * - substreams: `{"updated_at": …, "conversations": {"updated_at": …}}` (legacy), with `"prior_state"`, with
 *   `"parent_state": {"conversations": {…}}` (migrated), and the global substream cursor
 *   `{"state": {"updated_at": "…"}, "parent_state": {…}, "lookback_window": n, "use_global_cursor": …, "states": […]}`;
 * - the concurrent date-range form `{"state_type": "date-range", "slices": [{"start", "end"}]}`;
 * - Meltano SDK taps' bookmarks (meltano/sdk docs/implementation/state.md; MeltanoLabs' tap-intercom):
 *   `{"replication_key", "replication_key_value"}`, an interrupted run's `starting_replication_value` (its
 *   `progress_markers` and `replication_key_signpost` are not resume points, as the SDK itself treats them), and
 *   `{"partitions": [{"context", "replication_key", "replication_key_value"}]}` (the earliest partition wins);
 * - our own `{"cursor", "windows", "lastSyncedAt", "outcome", "error", "seen", "deletedCursor", "reportJobs",
 *   "parents"}` (what our STATE messages carry; `seen` also for a stream read whole, whose deletions follow from it;
 *   `reportJobs`, the content export's job a killed run left; `parents`, a child read on several parents' passes:
 *   its progress under each further parent).
 * A child stream resumes from its parent's cursor when the state has one: that decides which parents are read.
 */
import * as v from "valibot";
import type { StreamProgress } from "../engine/state-store.ts";
import { StreamStateSchema } from "../state/schema.ts";
import { streamByName } from "../streams/catalog.ts";
import { keyDiffCursor, protocolCursor } from "../streams/sync-modes.ts";
import type { StreamDefinition } from "../streams/types.ts";
import { parseCursorValue } from "./cursor-value.ts";

export interface MappedState {
  /** Where the stream resumes; absent when the state holds no cursor yet (or the stream is always read whole). */
  progress?: StreamProgress;
  /** What could not be understood, each naming the key; non-empty means the state must not be trusted. */
  problems: string[];
}

/** Meltano SDK keys that describe an unfinished run, not where to resume (the SDK wipes them on resume). */
const SDK_IGNORED = ["progress_markers", "replication_key_signpost"];
const OURS = ["cursor", "windows", "lastSyncedAt", "outcome", "error", "seen", "deletedCursor", "reportJobs", "parents"];
/** Keys the Airbyte connector writes that carry nothing we resume from (the lookback comes from the config). */
const IGNORED = ["prior_state", "lookback_window", "use_global_cursor", "legacy", "metadata", ...SDK_IGNORED];

export function mapStreamState(stream: StreamDefinition, blob: unknown): MappedState {
  if (blob === null || blob === undefined) return { problems: [] };
  if (!isObject(blob)) return { problems: [`is ${Array.isArray(blob) ? "an array" : typeof blob}, not an object`] };
  const cursorField = protocolCursor(stream);
  if (Object.keys(blob).length === 0) return { problems: [] };
  // Ours also for a stream read whole: its `seen` keys are what its deletions are found from.
  if (Object.keys(blob).some((key) => OURS.includes(key))) return fromOurs(blob);
  // Read whole every run: whatever else was saved changes nothing.
  if (cursorField === undefined) return { problems: [] };
  return fromAirbyte(stream, cursorField, blob);
}

function fromOurs(blob: Record<string, unknown>): MappedState {
  const extra = Object.keys(blob).filter((key) => !OURS.includes(key));
  if (extra.length > 0) return { problems: extra.map((key) => `unknown key "${key}"`) };
  const result = v.safeParse(StreamStateSchema, blob);
  if (result.success) return { progress: result.output, problems: [] };
  return { problems: result.issues.map((issue) => `${v.getDotPath(issue) ?? "(top level)"}: ${issue.message}`) };
}

function fromAirbyte(stream: StreamDefinition, cursorField: string, blob: Record<string, unknown>): MappedState {
  const problems: string[] = [];
  const parent = stream.parent ? streamByName(stream.parent.stream) : undefined;
  const parentField = parent?.cursorField ?? "updated_at";
  let own: number | undefined;
  let fromParentState: number | undefined;
  let fromLegacyParent: number | undefined;
  let partitions: number[] = [];
  let slices: unknown;
  let nested: number | undefined;
  const sdk: SdkBookmark = {};
  for (const [key, value] of Object.entries(blob)) {
    if (key === cursorField) own = cursorAt(value, key, problems);
    else if (SDK_KEYS.includes(key)) readSdkKey(sdk, key, value, cursorField, key, problems);
    else if (key === "partitions") partitions = sdkPartitions(value, cursorField, problems);
    // The connector's abnormal_state.json nests a root stream's own cursor under its name, too.
    else if (key === stream.name) nested = cursorIn(value, cursorField, key, problems);
    else if (key === "state") own = cursorIn(value, cursorField, key, problems);
    else if (key === "state_type") {
      if (value !== "date-range") problems.push(`"state_type" is ${JSON.stringify(value)}, not "date-range"`);
    } else if (key === "slices") slices = value;
    else if (parent && key === parent.name) fromLegacyParent = cursorIn(value, parentField, key, problems);
    else if (parent && key === "parent_state") {
      if (!isObject(value)) problems.push(`"parent_state" is not an object`);
      else {
        for (const [name, inner] of Object.entries(value)) {
          if (name === parent.name) fromParentState = cursorIn(inner, parentField, `parent_state.${name}`, problems);
          else problems.push(`"parent_state" names "${name}", not ${parent.name}`);
        }
      }
    } else if (parent && key === "states") partitions = partitionCursors(value, cursorField, problems);
    else if (!IGNORED.includes(key)) problems.push(`unknown key "${key}"`);
  }
  if (slices !== undefined) own ??= slicesEnd(slices, "slices", problems);
  own ??= sdk.value ?? sdk.start;
  if (nested !== undefined) own = own === undefined ? nested : Math.min(own, nested);
  if (problems.length > 0) return { problems };
  // A child resumes where its parent's reading stopped; without one, its own cursor is the conservative choice.
  // Links compared by key (company_segments) read every parent anyway: their own cursor is what the state says.
  const parentCursor = fromParentState ?? fromLegacyParent;
  const cursor = (keyDiffCursor(stream) ? (own ?? parentCursor) : (parentCursor ?? own)) ??
    (partitions.length > 0 ? Math.min(...partitions) : undefined);
  return cursor === undefined ? { problems: [] } : { progress: { cursor }, problems: [] };
}

/** A Meltano SDK bookmark: the highest value written, and the value an interrupted run started from. */
interface SdkBookmark {
  value?: number;
  start?: number;
}

const SDK_KEYS = ["replication_key", "replication_key_value", "starting_replication_value"];

function readSdkKey(into: SdkBookmark, key: string, value: unknown, cursorField: string, where: string, problems: string[]): void {
  if (key === "replication_key") {
    if (value !== cursorField) problems.push(`"${where}" is ${JSON.stringify(value)}, not "${cursorField}"`);
  } else if (value === null) {
    // The SDK writes null before a stream's first record.
  } else if (key === "replication_key_value") into.value = cursorAt(value, where, problems);
  else into.start = cursorAt(value, where, problems);
}

/** The SDK's per-partition bookmarks: every partition must say where it is, and the earliest decides. */
function sdkPartitions(value: unknown, cursorField: string, problems: string[]): number[] {
  if (!Array.isArray(value)) {
    problems.push(`"partitions" is not an array`);
    return [];
  }
  const cursors: number[] = [];
  value.forEach((entry, index) => {
    const where = `partitions[${index}]`;
    if (!isObject(entry)) return void problems.push(`"${where}" is not an object`);
    const bookmark: SdkBookmark = {};
    for (const [key, inner] of Object.entries(entry)) {
      if (SDK_KEYS.includes(key)) readSdkKey(bookmark, key, inner, cursorField, `${where}.${key}`, problems);
      else if (key !== "context" && !SDK_IGNORED.includes(key)) problems.push(`unknown key "${where}.${key}"`);
    }
    const cursor = bookmark.value ?? bookmark.start;
    if (cursor === undefined) problems.push(`"${where}" holds no "replication_key_value"`);
    else cursors.push(cursor);
  });
  return cursors;
}

function cursorAt(value: unknown, where: string, problems: string[]): number | undefined {
  const seconds = parseCursorValue(value);
  if (seconds === undefined) problems.push(`"${where}" is ${JSON.stringify(value)}, not a unix time or ISO 8601 date`);
  return seconds;
}

/** `{field: value}` or the date-range form, as a nested state. */
function cursorIn(value: unknown, field: string, where: string, problems: string[]): number | undefined {
  if (!isObject(value)) {
    problems.push(`"${where}" is not an object`);
    return undefined;
  }
  if (Object.keys(value).length === 0) return undefined;
  if (field in value) return cursorAt(value[field], `${where}.${field}`, problems);
  if (value.state_type === "date-range") return slicesEnd(value.slices, `${where}.slices`, problems);
  problems.push(`"${where}" holds no "${field}"`);
  return undefined;
}

/** The per-partition list `[{partition, cursor: {field: value}}]`. */
function partitionCursors(value: unknown, field: string, problems: string[]): number[] {
  if (!Array.isArray(value)) {
    problems.push(`"states" is not an array`);
    return [];
  }
  const cursors: number[] = [];
  value.forEach((entry, index) => {
    const cursor = cursorIn(isObject(entry) ? entry.cursor : undefined, field, `states[${index}].cursor`, problems);
    if (cursor !== undefined) cursors.push(cursor);
  });
  return cursors;
}

/**
 * The concurrent CDK's date ranges: everything up to the end of the first run of contiguous slices is read
 * (the same rule the CDK applies when it turns them back into a single cursor).
 */
function slicesEnd(value: unknown, where: string, problems: string[]): number | undefined {
  if (!Array.isArray(value)) {
    problems.push(`"${where}" is not an array`);
    return undefined;
  }
  const ranges: { start: number; end: number }[] = [];
  value.forEach((slice, index) => {
    const start = isObject(slice) ? parseCursorValue(slice.start) : undefined;
    const end = isObject(slice) ? parseCursorValue(slice.end) : undefined;
    if (start === undefined || end === undefined || start > end) problems.push(`"${where}[${index}]" is not a {start, end} range`);
    else ranges.push({ start, end });
  });
  if (ranges.length === 0) return undefined;
  ranges.sort((a, b) => a.start - b.start);
  let end = ranges[0]!.end;
  for (const range of ranges.slice(1)) {
    if (range.start > end + 1) break;
    end = Math.max(end, range.end);
  }
  return end;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
