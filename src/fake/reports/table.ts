/**
 * One export job's table: the CSV's header (display names, a repeated name suffixed `.1`, `.2`, as pandas-style
 * exports do; a team or teammate column followed by its `<id>_raw_id` sibling) and its rows, as text cells in the
 * workspace's language and time zone; and the same rows typed, as a correct client must read them back.
 */
import type { ApiVersion } from "../../api-versions.ts";
import type { GenContext } from "../context.ts";
import { type FakeAttribute, type FakeDataset, rowIndices, rowTime, teammateName, teammateRawId, teamName, teamRawId } from "./datasets.ts";
import { label, type ReportLanguage } from "./labels.ts";
import { localDateTime } from "../timezone.ts";
import { rowKey } from "./removed-rows.ts";

export interface TableRequest {
  dataset: FakeDataset;
  attributes: FakeAttribute[];
  start: number;
  end: number;
  /** The workspace clock when the job ran: what had happened by then. */
  now: number;
  version: ApiVersion;
  language: ReportLanguage;
  /** Rows taken out of the workspace (removed-rows.ts). */
  removed?: ReadonlySet<string>;
}

/** A column of the CSV: the attribute it shows, and whether it is the `_raw_id` sibling. */
interface Column {
  attribute: FakeAttribute;
  rawId: boolean;
}

function columns(attributes: FakeAttribute[]): Column[] {
  return attributes.flatMap((attribute) => {
    const own = { attribute, rawId: false };
    return attribute.kind === "team" || attribute.kind === "teammate" ? [own, { attribute, rawId: true }] : [own];
  });
}

/** The CSV's header row: display names, repeats suffixed `.1`, `.2` in order. */
export function headerRow(attributes: FakeAttribute[]): string[] {
  const seen = new Map<string, number>();
  return columns(attributes).map(({ attribute, rawId }) => {
    const name = rawId ? `${attribute.id}_raw_id` : attribute.name;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}.${n}`;
  });
}

function includes(request: TableRequest, ctx: GenContext, k: number): boolean {
  if (request.removed?.has(rowKey(request.dataset.id, k))) return false;
  return request.version === "2.16" || !request.dataset.onlyFrom216?.(ctx, k);
}

/** The rows' text cells, lazily. */
export function* textRows(ctx: GenContext, request: TableRequest): Generator<string[]> {
  const cols = columns(request.attributes);
  for (const k of rowIndices(ctx, request.dataset, request.start, request.end, request.now)) {
    if (!includes(request, ctx, k)) continue;
    const values = request.dataset.row(ctx, k, rowTime(ctx, request.dataset, k), request.now);
    yield cols.map(({ attribute, rawId }) => cell(ctx, attribute, rawId, values[attribute.qualifiedId], request.language));
  }
}

function cell(ctx: GenContext, attribute: FakeAttribute, rawId: boolean, value: unknown, language: ReportLanguage): string {
  if (value === null || value === undefined) return "";
  switch (attribute.kind) {
    case "time":
      return localDateTime(value as number, ctx.timezone);
    case "label":
      return label(String(value), language);
    case "team": {
      const i = (value as { team: number }).team;
      return rawId ? teamRawId(i) : teamName(ctx, i);
    }
    case "teammate": {
      const i = (value as { admin: number }).admin;
      return rawId ? teammateRawId(i) : teammateName(ctx, i);
    }
    default:
      return String(value);
  }
}

export type TypedValue = string | number | null;

/**
 * The rows as a client must type them, keyed by qualified id (and `<qualified id>_raw_id`): times in UTC unix
 * seconds, durations in seconds, labels as the workspace writes them, empty cells null.
 */
export function* typedRows(ctx: GenContext, request: TableRequest): Generator<Record<string, TypedValue>> {
  for (const k of rowIndices(ctx, request.dataset, request.start, request.end, request.now)) {
    if (!includes(request, ctx, k)) continue;
    const values = request.dataset.row(ctx, k, rowTime(ctx, request.dataset, k), request.now);
    const row: Record<string, TypedValue> = {};
    for (const { attribute, rawId } of columns(request.attributes)) {
      const key = rawId ? `${attribute.qualifiedId}_raw_id` : attribute.qualifiedId;
      const value = values[attribute.qualifiedId];
      if (value === null || value === undefined) row[key] = null;
      else if (attribute.kind === "time" || attribute.kind === "duration" || attribute.kind === "number") row[key] = value as number;
      else row[key] = cell(ctx, attribute, rawId, value, request.language);
    }
    yield row;
  }
}

/** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
export function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",") + "\r\n";
}
