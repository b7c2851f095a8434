/**
 * Seeded hashing: every generated value is a pure function of (seed, kind, index), so record i can be
 * rebuilt at any time without storing the workspace.
 */

/** murmur3's 32-bit finaliser: a cheap, well-mixed bijection. */
export function mix32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 32-bit hash of a seed and up to three integers (each below 2^53). */
export function hash(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const part of [a, b, c]) {
    // Fold the high bits in too, so indices past 2^32 still differ.
    h = mix32(h ^ (part >>> 0) ^ mix32(Math.floor(part / 4294967296)));
  }
  return h;
}

/** A small deterministic random source for one record: mulberry32 seeded by `hash(seed, kind, index)`. */
export class Rand {
  #state: number;

  constructor(seed: number, kind: number, index: number) {
    this.#state = hash(seed, kind, index);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** Distinct salts per kind of record, so contact 7 and company 7 do not look alike. */
export const KIND = {
  admin: 1,
  team: 2,
  tag: 3,
  segment: 4,
  company: 5,
  contact: 6,
  conversation: 7,
  part: 8,
  ticket: 9,
  activityLog: 10,
  membership: 11,
  companySegment: 12,
  fault: 13,
  idPrefix: 14,
  mutation: 15,
  bigConversation: 16,
  scroll: 17,
  request: 18,
  contactSegment: 19,
  note: 20,
  ticketPart: 21,
  helpCenter: 22,
  collection: 23,
  article: 24,
  ticketType: 25,
  subscriptionType: 26,
  news: 27,
  /** The lists modelled on their description's example (records/example-list.ts). */
  internalArticle: 28,
  brand: 29,
  awayStatusReason: 30,
  officeHoursSchedule: 31,
  contentSnippet: 32,
  audience: 33,
  emailSetting: 34,
  contentImportSource: 35,
  externalPage: 36,
  macro: 37,
  handlingEvent: 38,
  sideConversation: 39,
  companyNote: 40,
  mergeHistory: 41,
  call: 42,
  officeHoursException: 43,
  articleVersion: 44,
  ticketLink: 45,
  customObjectInstance: 46,
  customObjectRef: 47,
  contentReceipt: 48,
  conversationLink: 49,
  ticketCustomObjectRef: 50,
} as const;
