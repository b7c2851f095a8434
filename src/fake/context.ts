/** What every record generator needs: the seed, the sizes and the frozen starting clock. */
import type { FakeSizes } from "./types.ts";
import { type StreamTimeline, streamTimeline } from "./timeline.ts";
import { objectId } from "./ids.ts";
import { hash, KIND } from "./hash.ts";

export type Rec = Record<string, unknown>;

export interface GenContext {
  seed: number;
  sizes: FakeSizes;
  /** The clock at creation; base records never move when tests advance `workspace.now`. */
  baseNow: number;
  timezone: string;
  /** Intercom's workspace id (`app_id`, `workspace_id`). */
  appId: string;
  contacts: StreamTimeline;
  companies: StreamTimeline;
  conversations: StreamTimeline;
  tickets: StreamTimeline;
  /** Whether a company carries its segments (`segments.segments`) or an empty list, as the OpenAPI examples show. */
  companySegmentsEmbedded: boolean;
  /** FakeOptions.scatteredContactIds. */
  scatteredContactIds: boolean;
  /** Companies whose segments tests changed (company index → segment indices), and a count of the changes. */
  companySegmentEdits: { byCompany: Map<number, number[]>; version: number };
}

export function createContext(
  seed: number,
  sizes: FakeSizes,
  baseNow: number,
  timezone: string,
  appId?: string,
  companySegmentsEmbedded = true,
  scatteredContactIds = false,
): GenContext {
  return {
    companySegmentsEmbedded,
    scatteredContactIds,
    companySegmentEdits: { byCompany: new Map(), version: 0 },
    seed,
    sizes,
    baseNow,
    timezone,
    appId: appId ?? `ws${(hash(seed, KIND.idPrefix, 0) % 1_000_000).toString(36).padStart(4, "0")}`,
    // Small shifts keep the streams from sharing identical timestamps with each other.
    contacts: streamTimeline(baseNow, sizes.contacts, 0),
    companies: streamTimeline(baseNow, sizes.companies, 3_000),
    conversations: streamTimeline(baseNow, sizes.conversations, 7_000),
    tickets: streamTimeline(baseNow, sizes.tickets, 11_000),
  };
}

/** Base contact ids are needed wherever a record points at a contact. */
export function baseContactId(ctx: GenContext, i: number): string {
  return contactObjectId(ctx, i, ctx.contacts.createdAt(i));
}

/** Contact i's id: its creation time, or a hash of i for scattered ids (FakeOptions.scatteredContactIds), then i. */
export function contactObjectId(ctx: GenContext, i: number, createdAt: number): string {
  return objectId(ctx.seed, KIND.contact, ctx.scatteredContactIds ? hash(ctx.seed, KIND.contact, i) : createdAt, i);
}

export function baseCompanyId(ctx: GenContext, i: number): string {
  return objectId(ctx.seed, KIND.company, ctx.companies.createdAt(i), i);
}

/** Contacts with role "user" carry an external id; leads do not. */
export function contactExternalId(ctx: GenContext, i: number): string | null {
  return hash(ctx.seed, KIND.contact, i, 99) % 4 === 0 ? null : `user-${i + 1}`;
}
