/**
 * Ids that encode the record index, so an id from a request maps back to its record without a lookup
 * table. Within a stream, ids grow with the index (fixed width), so sorting by id agrees with index order.
 */
import { hash, KIND } from "./hash.ts";

const ZEROS = "0".repeat(16);

/** Fixed-width hex; padStart was a tenth of the fake's CPU, ids being made for every record served. */
function hex(value: number, width: number): string {
  const digits = value.toString(16);
  return digits.length >= width ? digits : ZEROS.slice(0, width - digits.length) + digits;
}

/** Seed → kind → tag. */
const tags = new Map<number, string[]>();

/** The 4-hex per-workspace tag of a kind's ids, computed once per seed and kind. */
function idTag(seed: number, kind: number): string {
  let bySeed = tags.get(seed);
  if (bySeed === undefined) tags.set(seed, bySeed = []);
  return (bySeed[kind] ??= hex(hash(seed, KIND.idPrefix, kind) & 0xffff, 4));
}

/** A 24-hex id shaped like Intercom's (Mongo ObjectId): creation time, a per-workspace tag, the index. */
export function objectId(seed: number, kind: number, createdAt: number, index: number): string {
  return hex(createdAt >>> 0, 8) + idTag(seed, kind) + hex(index, 12);
}

/** The index an objectId encodes, or undefined when it is not one of ours for this kind. */
export function objectIdIndex(seed: number, kind: number, id: string): number | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  if (id.slice(8, 12) !== idTag(seed, kind)) return undefined;
  return Number.parseInt(id.slice(12), 16);
}

/** A fixed-width numeric id: `base + index`, e.g. conversations "100000042". */
export function numericId(base: number, index: number): string {
  return String(base + index);
}

export function numericIdIndex(base: number, id: string): number | undefined {
  if (!/^[0-9]+$/.test(id)) return undefined;
  const index = Number(id) - base;
  return Number.isSafeInteger(index) && index >= 0 && String(base + index) === id ? index : undefined;
}

/** A UUID-shaped string from two hashes, for activity logs, request ids and scroll params. */
export function uuid(seed: number, kind: number, index: number): string {
  const a = hex(hash(seed, kind, index, 1), 8);
  const b = hex(hash(seed, kind, index, 2), 8);
  const c = hex(hash(seed, kind, index, 3), 8);
  const d = hex(hash(seed, kind, index, 4), 8);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

export const ID_BASE = {
  admin: 991_200_000,
  team: 5_017_000,
  tag: 9_100_000,
  conversation: 100_000_000,
  ticket: 300_000_000,
  part: 10_000_000_000,
  note: 20_000_000_000,
  ticketPart: 30_000_000_000,
  helpCenter: 41_000,
  collection: 42_000_000,
  article: 43_000_000,
  /** Tickets embed types 101–103 (records/tickets.ts): the ticket_types stream lists the same ones first. */
  ticketType: 101,
  subscriptionType: 45_000,
  newsfeed: 46_000,
  newsItem: 47_000_000,
  internalArticle: 6_871_000,
  /** Brands, email settings and content import sources have small ids in the descriptions' examples. */
  brand: 1,
  awayStatusReason: 100,
  officeHoursSchedule: 120,
  contentSnippet: 48_000,
  audience: 49_000,
  emailSetting: 1,
  contentImportSource: 33,
  externalPage: 50_000,
  macro: 51_000,
  sideConversation: 52_000_000,
  /** Four slots per conversation. */
  sidePart: 53_000_000_000,
  /** Four slots per company. */
  companyNote: 54_000_000,
  call: 55_000_000,
  /** Two slots per schedule. */
  officeHoursException: 456,
  /** Four slots per article. */
  articleVersion: 56_000_000,
  customObjectInstance: 57_000,
} as const;

/** Room for parts per conversation inside the numeric part id. */
export const PART_SLOTS = 8192;

/** Room for notes per contact inside the numeric note id. */
export const NOTE_SLOTS = 256;
