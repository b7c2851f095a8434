/**
 * A reporting export's CSV records as typed rows: each header (a display name, `.1` for its second use, or
 * `<id>_raw_id`) mapped to its attribute's column (snake_case of the attribute id), durations as seconds, local
 * date-times as UTC unix seconds in the workspace's zone, empty cells null; each row carries its window and job.
 */
import { MalformedPageError } from "../../errors.ts";
import { attributeColumn, type ColumnKind, columnKind, type ReportAttribute, type ReportDataset, snakeCase } from "./dataset.ts";
import { localToUnix } from "./local-time.ts";

export interface ReportColumn {
  name: string;
  kind: ColumnKind;
  /** The header it came from: the display name, kept for the schema's description. */
  header: string;
}

export type ReportRow = Record<string, string | number | null>;

/** The column each header holds, given the attributes the job asked for (in order). */
export function mapHeader(header: string[], dataset: ReportDataset, asked: ReportAttribute[]): ReportColumn[] {
  const used = new Set<ReportAttribute>();
  return header.map((raw) => {
    const text = raw.replace(/^\uFEFF/, "");
    const rawId = /^(.+)_raw_id$/.exec(text);
    if (rawId) {
      const base = asked.find((a) => a.id === rawId[1]);
      return { name: `${base ? attributeColumn(dataset, base) : snakeCase(rawId[1]!)}_raw_id`, kind: "text", header: text };
    }
    // "Brand" is the first unused attribute named Brand, "Brand.1" the next: the same as taking them in order.
    const suffix = /^(.*)\.(\d+)$/.exec(text);
    const names = suffix && !asked.some((a) => a.name === text) ? [suffix[1]!] : [text];
    const attribute = asked.find((a) => names.includes(a.name) && !used.has(a));
    if (!attribute) return { name: snakeCase(text), kind: "text", header: text };
    used.add(attribute);
    return { name: attributeColumn(dataset, attribute), kind: columnKind(attribute.id), header: text };
  });
}

export interface RowContext {
  stream: string;
  jobId: string;
  timeZone: string;
  window: { start: number; end: number };
}

export function typedRow(columns: ReportColumn[], cells: string[], context: RowContext): ReportRow {
  const row: ReportRow = {};
  columns.forEach((column, i) => {
    row[column.name] = typedCell(column, cells[i] ?? "", context);
  });
  row._window_start = context.window.start;
  row._window_end = context.window.end;
  row._job_id = context.jobId;
  return row;
}

function typedCell(column: ReportColumn, cell: string, context: RowContext): string | number | null {
  const text = cell.trim();
  if (text === "") return null;
  switch (column.kind) {
    case "time": {
      const unix = localToUnix(text, context.timeZone);
      if (unix === undefined) throw bad(context, column, text, "a date-time");
      return unix;
    }
    case "duration": {
      const seconds = durationSeconds(text);
      if (seconds === undefined) throw bad(context, column, text, "a duration");
      return seconds;
    }
    case "number": {
      const n = Number(text);
      return Number.isFinite(n) ? n : cell;
    }
    default:
      return cell;
  }
}

/** "123", "123.5" or "01:02:03" as seconds. */
function durationSeconds(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const hms = /^(\d+):(\d{2}):(\d{2})$/.exec(text);
  return hms ? Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]) : undefined;
}

function bad(context: RowContext, column: ReportColumn, text: string, what: string): MalformedPageError {
  return new MalformedPageError(
    context.stream,
    `job ${context.jobId}: column "${column.header}" holds ${JSON.stringify(text.slice(0, 40))}, not ${what}`,
  );
}

/** Attribute ids whose cells name a team or teammate (the CSV then has a `<id>_raw_id` column beside them). */
const NAMES_SOMEONE = /(^|_)(team|teammate|admin|assignee)(_|$)/;

/** The JSON Schema of a report stream's rows, generated from the dataset's attributes. */
export function reportSchema(dataset: ReportDataset, attributes: ReportAttribute[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const kind = columnKind(attribute.id);
    const type = kind === "text" ? "string" : kind === "number" ? "number" : "integer";
    const column = attributeColumn(dataset, attribute);
    properties[column] = {
      type: [type, "null"],
      description: kind === "time" ? `${attribute.name} (UTC unix seconds)` : kind === "duration" ? `${attribute.name} (seconds)` : attribute.name,
    };
    // A team or teammate column holds a name; the export adds the numeric id beside it.
    if (kind === "text" && NAMES_SOMEONE.test(attribute.id)) {
      properties[`${column}_raw_id`] = { type: ["string", "null"], description: `${attribute.name}: the numeric id` };
    }
  }
  properties._window_start = { type: "integer", description: "Start of the exported window (unix seconds)" };
  properties._window_end = { type: "integer", description: "End of the exported window (unix seconds, exclusive)" };
  properties._job_id = { type: "string", description: "The reporting export job the row came from" };
  properties._row = { type: "integer", description: "The row's place in its window's export, from 1 (the key, with _window_start)" };
  return { type: "object", description: `${dataset.name}: ${dataset.description}`, properties, additionalProperties: true };
}
