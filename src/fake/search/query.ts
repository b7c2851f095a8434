/**
 * Compiles a search `query` into a predicate, validating it the way Intercom does: at most two levels of
 * AND/OR groups, at most 15 filters per group, operators that fit the field's type, and date fields
 * matched by calendar day in the workspace time zone (unless the stream matches to the second).
 */
import type { Rec } from "../context.ts";
import { startOfDay, startOfNextDay } from "../timezone.ts";
import { type FieldSpec, fieldSpec, type SearchStream } from "./fields.ts";

/** A query Intercom would answer 400. */
export class SearchError extends Error {
  override name = "SearchError";
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The base-index fast path works on these two fields: their base values never decrease with the index. */
export type RangeField = "created_at" | "updated_at";

/** A half-open interval of unix seconds. */
export type Interval = [number, number];

export interface CompiledQuery {
  test(record: Rec): boolean;
  /** Intervals every match must lie in (from AND-ed date filters); absent means unbounded. */
  ranges: Partial<Record<RangeField, Interval>>;
  /** True when `ranges` alone decide a match, so counting needs no scan. */
  rangesExact: boolean;
}

export interface QueryOptions {
  stream: SearchStream;
  timezone: string;
  /** Match date fields to the second instead of by day. */
  exactSeconds: boolean;
}

const OPERATORS = new Set(["=", "!=", "IN", "NIN", "<", "<=", ">", ">=", "~", "!~", "^", "$"]);
const MAX_DEPTH = 2;
const MAX_PER_GROUP = 15;
const ALL: Interval = [-Infinity, Infinity];

function isObject(value: unknown): value is Rec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function compileQuery(query: unknown, options: QueryOptions): CompiledQuery {
  return compileNode(query, options, 0);
}

function compileNode(node: unknown, options: QueryOptions, depth: number): CompiledQuery {
  if (!isObject(node)) throw new SearchError("parameter_invalid", "query must be an object");
  const operator = node.operator;
  if (operator === "AND" || operator === "OR") {
    if (depth >= MAX_DEPTH) throw new SearchError("parameter_invalid", "Nesting level exceeds the maximum of 2 nested filters");
    if (!Array.isArray(node.value)) throw new SearchError("parameter_invalid", `${operator} needs an array of filters as value`);
    if (node.value.length > MAX_PER_GROUP) {
      throw new SearchError("parameter_invalid", `A query can have at most ${MAX_PER_GROUP} filters in an ${operator} group`);
    }
    const children = node.value.map((child) => compileNode(child, options, depth + 1));
    return operator === "AND" ? and(children) : or(children);
  }
  return compileFilter(node, options);
}

function and(children: CompiledQuery[]): CompiledQuery {
  const ranges: Partial<Record<RangeField, Interval>> = {};
  for (const child of children) {
    for (const [field, [from, to]] of Object.entries(child.ranges) as [RangeField, Interval][]) {
      const [a, b] = ranges[field] ?? ALL;
      ranges[field] = [Math.max(a, from), Math.min(b, to)];
    }
  }
  return {
    test: (record) => children.every((child) => child.test(record)),
    ranges,
    rangesExact: children.every((child) => child.rangesExact),
  };
}

function or(children: CompiledQuery[]): CompiledQuery {
  if (children.length === 1 && children[0]) return children[0];
  return { test: (record) => children.some((child) => child.test(record)), ranges: {}, rangesExact: false };
}

function compileFilter(node: Rec, options: QueryOptions): CompiledQuery {
  const { field, operator, value } = node;
  if (typeof field !== "string") throw new SearchError("parameter_invalid", "Each filter needs a field");
  if (typeof operator !== "string" || !OPERATORS.has(operator)) {
    throw new SearchError("parameter_invalid", `Operator ${JSON.stringify(operator)} is not supported`);
  }
  const spec = fieldSpec(options.stream, field);
  if (!spec) throw new SearchError("parameter_invalid", `${field} is not a searchable field`);
  if (spec.equalityOnly && operator !== "=" && operator !== "!=") {
    throw new SearchError("parameter_invalid", `${field} only supports the = and != operators`);
  }
  if (spec.type === "date") return compileDate(field, spec, operator, value, options);
  return { test: compileScalar(field, spec, operator, value), ranges: {}, rangesExact: false };
}

function invalid(field: string, operator: string, type: string): SearchError {
  return new SearchError("parameter_invalid", `The ${operator} operator is not supported on ${type} field ${field}`);
}

function toInteger(field: string, value: unknown): number {
  const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new SearchError("parameter_invalid", `${field} needs a UNIX timestamp (integer), got ${JSON.stringify(value)}`);
  }
  return n;
}

function inInterval(get: (record: Rec) => unknown, [from, to]: Interval): (record: Rec) => boolean {
  return (record) => {
    const v = get(record);
    return typeof v === "number" && v >= from && v < to;
  };
}

function compileDate(field: string, spec: FieldSpec, operator: string, value: unknown, options: QueryOptions): CompiledQuery {
  const rangeField = field === "created_at" || field === "updated_at" ? field : undefined;
  const ranged = (interval: Interval): CompiledQuery => ({
    test: inInterval(spec.get, interval),
    ranges: rangeField ? { [rangeField]: interval } : {},
    rangesExact: rangeField !== undefined,
  });
  if (value === null && (operator === "=" || operator === "!=")) {
    const wantNull = operator === "=";
    return { test: (record) => (spec.get(record) === null) === wantNull, ranges: {}, rangesExact: false };
  }
  if (!options.exactSeconds) {
    // Intercom truncates the value to its calendar day in the workspace's time zone.
    if (operator !== "=" && operator !== ">" && operator !== "<") throw invalid(field, operator, "date");
    const v = toInteger(field, value);
    const dayStart = startOfDay(v, options.timezone);
    const nextDay = startOfNextDay(v, options.timezone);
    if (operator === "=") return ranged([dayStart, nextDay]);
    if (operator === ">") return ranged([nextDay, Infinity]);
    return ranged([-Infinity, dayStart]);
  }
  switch (operator) {
    case "=":
      return ranged([toInteger(field, value), toInteger(field, value) + 1]);
    case ">":
      return ranged([toInteger(field, value) + 1, Infinity]);
    case ">=":
      return ranged([toInteger(field, value), Infinity]);
    case "<":
      return ranged([-Infinity, toInteger(field, value)]);
    case "<=":
      return ranged([-Infinity, toInteger(field, value) + 1]);
    case "!=": {
      const v = toInteger(field, value);
      return { test: (record) => spec.get(record) !== v, ranges: {}, rangesExact: false };
    }
    case "IN":
    case "NIN": {
      const set = new Set(arrayValue(field, operator, value).map((x) => toInteger(field, x)));
      const wanted = operator === "IN";
      return { test: (record) => set.has(spec.get(record) as number) === wanted, ranges: {}, rangesExact: false };
    }
    default:
      throw invalid(field, operator, "date");
  }
}

function arrayValue(field: string, operator: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new SearchError("parameter_invalid", `${operator} on ${field} needs an array value`);
  return value;
}

function values(record: Rec, spec: FieldSpec): unknown[] {
  const v = spec.get(record);
  return Array.isArray(v) ? v : [v];
}

function coerce(field: string, spec: FieldSpec, value: unknown): unknown {
  if (value === null) return null;
  switch (spec.type) {
    case "boolean":
      if (value === true || value === "true") return true;
      if (value === false || value === "false") return false;
      break;
    case "integer":
    case "float": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n === "number" && Number.isFinite(n)) return n;
      break;
    }
    case "string":
      if (typeof value === "string" || typeof value === "number") return String(value);
      break;
  }
  throw new SearchError("parameter_invalid", `${JSON.stringify(value)} is not a valid ${spec.type} for ${field}`);
}

function compileScalar(field: string, spec: FieldSpec, operator: string, raw: unknown): (record: Rec) => boolean {
  const numeric = spec.type === "integer" || spec.type === "float";
  const any = (record: Rec, match: (v: unknown) => boolean) => values(record, spec).some(match);
  switch (operator) {
    case "=": {
      const v = coerce(field, spec, raw);
      return (record) => any(record, (x) => x === v);
    }
    case "!=": {
      const v = coerce(field, spec, raw);
      return (record) => !any(record, (x) => x === v);
    }
    case "IN":
    case "NIN": {
      const set = new Set(arrayValue(field, operator, raw).map((x) => coerce(field, spec, x)));
      const wanted = operator === "IN";
      return (record) => any(record, (x) => set.has(x)) === wanted;
    }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      if (!numeric) throw invalid(field, operator, spec.type);
      const v = coerce(field, spec, raw) as number;
      const compare = {
        "<": (x: number) => x < v,
        "<=": (x: number) => x <= v,
        ">": (x: number) => x > v,
        ">=": (x: number) => x >= v,
      }[operator];
      return (record) => any(record, (x) => typeof x === "number" && compare(x));
    }
    default: {
      if (spec.type !== "string") throw invalid(field, operator, spec.type);
      const needle = String(coerce(field, spec, raw) ?? "").toLowerCase();
      const match = {
        "~": (x: string) => x.includes(needle),
        "!~": (x: string) => x.includes(needle),
        "^": (x: string) => x.startsWith(needle),
        $: (x: string) => x.endsWith(needle),
      }[operator as "~" | "!~" | "^" | "$"];
      const hit = (record: Rec) => any(record, (x) => typeof x === "string" && match(x.toLowerCase()));
      return operator === "!~" ? (record) => !hit(record) : hit;
    }
  }
}
