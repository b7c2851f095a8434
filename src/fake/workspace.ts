/**
 * The generated workspace: records derived from (seed, index), with overlays for what tests change.
 * Memory stays proportional to the changes, not to the workspace size.
 */
import { baseCompanyId, baseContactId, createContext, type GenContext, type Rec } from "./context.ts";
import { KIND } from "./hash.ts";
import { ID_BASE, numericIdIndex, objectIdIndex } from "./ids.ts";
import { OverlaySource } from "./overlay-source.ts";
import { activityLog, activityLogCreatedAt } from "./records/activity-logs.ts";
import { adminId } from "./records/admins.ts";
import { company } from "./records/companies.ts";
import { contact, contactLinks, embeddedLinks } from "./records/contacts.ts";
import { basePartCount, basePartCreatedAt, conversation, conversationId, conversationPart } from "./records/conversations.ts";
import { contactNotes, contactSegmentIndices } from "./records/contact-children.ts";
import { companySegmentIndices, segment } from "./records/segments.ts";
import { tagName } from "./records/tags.ts";
import { ticket, TICKET_STATES, ticketId, ticketParts } from "./records/tickets.ts";
import type { FakeSizes, FakeStreamName, FakeWorkspace } from "./types.ts";

/** The API returns at most this many parts per conversation: the most recent ones. */
export const PART_CAP = 500;

/** Stream → every record a complete export of it holds, deleted ones included: resources/registry.ts's STREAM_RECORDS. */
export type StreamRecords = Partial<Record<FakeStreamName, (ws: Workspace) => Iterable<Rec>>>;

export class UnknownRecordError extends Error {
  override name = "UnknownRecordError";
  constructor(kind: string, id: string) {
    super(`no ${kind} with id ${id} in the fake workspace`);
  }
}

export class Workspace implements FakeWorkspace {
  now: number;
  readonly ctx: GenContext;
  readonly contacts: OverlaySource;
  readonly companies: OverlaySource<"companies">;
  readonly conversations: OverlaySource;
  readonly tickets: OverlaySource;
  /** Creation times of parts added after generation, per conversation index. */
  readonly addedParts = new Map<number, number[]>();
  /** Activity logs added after generation, oldest first. */
  readonly addedLogs: Rec[] = [];
  /** Article index → the updated_at an edit gave it. */
  readonly #articleEdits = new Map<number, number>();
  /** stream/id → the time `touch` edited it. */
  readonly #touched = new Map<string, number>();
  readonly #streamRecords: StreamRecords;

  constructor(
    streamRecords: StreamRecords,
    seed: number,
    sizes: FakeSizes,
    now: number,
    timezone: string,
    appId?: string,
    companySegmentsEmbedded = true,
    scatteredContactIds = false,
  ) {
    this.#streamRecords = streamRecords;
    this.now = now;
    const ctx = createContext(seed, sizes, now, timezone, appId, companySegmentsEmbedded, scatteredContactIds);
    this.ctx = ctx;
    this.contacts = new OverlaySource(
      "contacts",
      sizes.contacts,
      (i) => contact(ctx, i),
      ctx.contacts,
      (i) => baseContactId(ctx, i),
      !scatteredContactIds,
    );
    this.companies = new OverlaySource("companies", sizes.companies, (i) => company(ctx, i), ctx.companies, (i) => baseCompanyId(ctx, i));
    this.conversations = new OverlaySource("conversations", sizes.conversations, (i) => conversation(ctx, i), ctx.conversations, conversationId);
    this.tickets = new OverlaySource("tickets", sizes.tickets, (i) => ticket(ctx, i), ctx.tickets, ticketId);
  }

  /** Deleted records of the streams generated from sizes (admins, tags, segments, …): stream → id → deleted_at. */
  readonly #deletedIds = new Map<string, Map<string, number>>();
  /** Records deleted from an overlay source, by `stream/id`: their index and what they were, for restoreRecord. */
  readonly #removed = new Map<string, { i: number; record: Rec }>();
  /** Deleted conversations, oldest first, as GET /conversations/deleted lists them. */
  readonly deletedConversations: { id: string; deleted_at: number; metrics_retained: boolean }[] = [];

  /**
   * Delete a record of a root stream as Intercom does: it is no longer listed, searched, scrolled or served, and
   * its children go with it (a conversation's parts, a company's segment links). A deleted conversation is listed
   * by GET /conversations/deleted. Returns its deleted_at (now).
   */
  deleteRecord(stream: FakeStreamName, id: string): number {
    const source = this.#overlaySource(stream);
    if (source) {
      const i = source.indexOf(id, (x) => this.#decode(stream, x));
      if (i === undefined) throw new UnknownRecordError(stream, id);
      this.#removed.set(`${stream}/${id}`, { i, record: source.remove(i) });
    } else {
      const found = [...this.records(stream)].some((record) => record.id !== undefined && record.id !== null && String(record.id) === id);
      if (!found) throw new UnknownRecordError(stream, id);
      const deleted = this.#deletedIds.get(stream) ?? new Map<string, number>();
      deleted.set(id, this.now);
      this.#deletedIds.set(stream, deleted);
    }
    if (stream === "conversations") this.deletedConversations.push({ id, deleted_at: this.now, metrics_retained: false });
    return this.now;
  }

  /** Bring a deleted record back under the same id (re-created): its updated_at becomes now. */
  restoreRecord(stream: FakeStreamName, id: string): void {
    const source = this.#overlaySource(stream);
    if (source) {
      const removed = this.#removed.get(`${stream}/${id}`);
      if (!removed) throw new UnknownRecordError(`deleted ${stream}`, id);
      this.#removed.delete(`${stream}/${id}`);
      source.set(removed.i, { ...removed.record, updated_at: this.now });
    } else if (!this.#deletedIds.get(stream)?.delete(id)) {
      throw new UnknownRecordError(`deleted ${stream}`, id);
    }
  }

  /** `records` without those deleted from `stream` (for routes that build their own lists). */
  live<T extends Rec>(stream: FakeStreamName, records: T[]): T[] {
    const deleted = this.#deletedIds.get(stream);
    return deleted?.size ? records.filter((record) => record.id === undefined || !deleted.has(String(record.id))) : records;
  }

  #overlaySource(stream: FakeStreamName): OverlaySource<string> | undefined {
    switch (stream) {
      case "contacts":
        return this.contacts;
      case "companies":
        return this.companies;
      case "conversations":
        return this.conversations;
      case "tickets":
        return this.tickets;
      default:
        return undefined;
    }
  }

  #decode(stream: FakeStreamName, id: string): number | undefined {
    switch (stream) {
      case "contacts":
        return objectIdIndex(this.ctx.seed, KIND.contact, id);
      case "companies":
        return objectIdIndex(this.ctx.seed, KIND.company, id);
      case "conversations":
        return numericIdIndex(ID_BASE.conversation, id);
      default:
        return numericIdIndex(ID_BASE.ticket, id);
    }
  }

  /** Merged contact id → the id it was merged into (POST /contacts/merge); see routes/contacts.ts. */
  readonly mergedContacts = new Map<string, string>();

  /**
   * Merge contact `id` into `into`, as POST /contacts/merge does: GET /contacts/{id} then answers 410 (2.16)
   * or 404. Lists already taken keep it, as a search that ran before the merge did.
   */
  mergeContact(id: string, into: string): void {
    for (const contactId of [id, into]) if (this.contactIndex(contactId) === undefined) throw new UnknownRecordError("contact", contactId);
    this.mergedContacts.set(id, into);
  }

  contactIndex(id: string): number | undefined {
    return this.contacts.indexOf(id, (x) => objectIdIndex(this.ctx.seed, KIND.contact, x));
  }

  companyIndex(id: string): number | undefined {
    return this.companies.indexOf(id, (x) => objectIdIndex(this.ctx.seed, KIND.company, x));
  }

  conversationIndex(id: string): number | undefined {
    return this.conversations.indexOf(id, (x) => numericIdIndex(ID_BASE.conversation, x));
  }

  ticketIndex(id: string): number | undefined {
    return this.tickets.indexOf(id, (x) => numericIdIndex(ID_BASE.ticket, x));
  }

  partCount(conversationId: string): number {
    const i = this.conversationIndex(conversationId);
    if (i === undefined) throw new UnknownRecordError("conversation", conversationId);
    return this.#partCount(i);
  }

  #partCount(i: number): number {
    return basePartCount(this.ctx, i) + (this.addedParts.get(i)?.length ?? 0);
  }

  /** The parts the API returns for conversation i: the 500 most recent, oldest first. */
  parts(i: number): Rec[] {
    const baseCount = basePartCount(this.ctx, i);
    const added = this.addedParts.get(i) ?? [];
    const total = baseCount + added.length;
    const result: Rec[] = [];
    for (let k = Math.max(0, total - PART_CAP); k < total; k++) {
      const createdAt = k < baseCount ? basePartCreatedAt(this.ctx, i, k, baseCount) : (added[k - baseCount] as number);
      result.push(conversationPart(this.ctx, i, k, createdAt));
    }
    return result;
  }

  /** The segments GET /contacts/{id}/segments lists for contact i. */
  contactSegments(i: number): Rec[] {
    return contactSegmentIndices(this.ctx, i).map((s) => segment(this.ctx, s));
  }

  /** Every note of contact i, newest first, across the pages GET /contacts/{id}/notes serves them in. */
  contactNotes(i: number): Rec[] {
    const record = this.contacts.current(i);
    return record ? contactNotes(this.ctx, i, String(record.id), Number(record.created_at)) : [];
  }

  /** Contact index → its tag and company ids after tagContact / untagContact / attach / detach. */
  readonly #linkEdits = new Map<number, { tagIds: string[]; companyIds: string[] }>();

  /** Every tag and company id of contact i, also those its embedded lists leave out (EMBEDDED_LINK_CAP). */
  contactLinks(i: number): { tagIds: string[]; companyIds: string[] } {
    return this.#linkEdits.get(i) ?? contactLinks(this.ctx, i);
  }

  untagContact(contactId: string, tagId: string): void {
    this.#editContactLinks(contactId, "tagIds", (ids) => ids.filter((id) => id !== tagId));
  }

  tagContact(contactId: string, tagId: string): void {
    this.#editContactLinks(contactId, "tagIds", (ids) => (ids.includes(tagId) ? ids : [...ids, tagId]));
  }

  detachCompany(contactId: string, companyId: string): void {
    this.#editContactLinks(contactId, "companyIds", (ids) => ids.filter((id) => id !== companyId));
  }

  attachCompany(contactId: string, companyId: string): void {
    this.#editContactLinks(contactId, "companyIds", (ids) => (ids.includes(companyId) ? ids : [...ids, companyId]));
  }

  /** Change one of a contact's link lists as Intercom does: the embedded lists follow and updated_at becomes now. */
  #editContactLinks(id: string, list: "tagIds" | "companyIds", change: (ids: string[]) => string[]): void {
    const i = this.contactIndex(id);
    if (i === undefined) throw new UnknownRecordError("contact", id);
    const links = { ...this.contactLinks(i) };
    links[list] = change(links[list]);
    this.#linkEdits.set(i, links);
    this.contacts.set(i, { ...structuredClone(this.contacts.current(i) as Rec), ...embeddedLinks(id, links), updated_at: this.now });
  }

  removeCompanySegment(companyId: string, segmentId: string): void {
    this.#editCompanySegments(companyId, segmentId, (segments, s) => segments.filter((other) => other !== s));
  }

  addCompanySegment(companyId: string, segmentId: string): void {
    this.#editCompanySegments(companyId, segmentId, (segments, s) => (segments.includes(s) ? segments : [...segments, s]));
  }

  #editCompanySegments(companyId: string, segmentId: string, edit: (segments: number[], s: number) => number[]): void {
    const i = this.companyIndex(companyId);
    if (i === undefined || !this.companies.current(i)) throw new UnknownRecordError("company", companyId);
    const s = Array.from({ length: this.ctx.sizes.segments }, (_, index) => index).find((index) => String(segment(this.ctx, index).id) === segmentId);
    if (s === undefined) throw new UnknownRecordError("segment", segmentId);
    const edits = this.ctx.companySegmentEdits;
    edits.byCompany.set(i, edit(companySegmentIndices(this.ctx, i), s));
    edits.version++;
    // A company changed earlier is kept whole in the overlay: its embedded list follows the edit too.
    const overlaid = this.companies.overlay.get(i);
    if (overlaid && this.ctx.companySegmentsEmbedded) {
      this.companies.set(i, {
        ...overlaid,
        segments: { type: "segment.list", segments: companySegmentIndices(this.ctx, i).map((index) => segment(this.ctx, index)) },
      });
    }
  }

  /** Take a tag off a conversation: its embedded `tags` lose it and updated_at becomes now. */
  untagConversation(conversationId: string, tagId: string): void {
    this.#editConversationTags(conversationId, (tags) => tags.filter((tag) => tag.id !== tagId));
  }

  /** Apply a tag to a conversation now (by the first admin). */
  tagConversation(conversationId: string, tagId: string): void {
    const t = numericIdIndex(ID_BASE.tag, tagId);
    if (t === undefined) throw new UnknownRecordError("tag", tagId);
    const applied = { type: "tag", id: tagId, name: tagName(t), applied_at: this.now, applied_by: { type: "admin", id: adminId(0) } };
    this.#editConversationTags(conversationId, (tags) => (tags.some((tag) => tag.id === tagId) ? tags : [...tags, applied]));
  }

  /**
   * Unlink a ticket or conversation from a conversation now: its embedded `linked_objects` lose it, updated_at
   * becomes now. Kept until the conversation is next regenerated, as a tag change is.
   */
  unlinkFromConversation(id: string, linkedId: string): void {
    const i = this.conversationIndex(id);
    if (i === undefined) throw new UnknownRecordError("conversation", id);
    const record = structuredClone(this.conversations.current(i) as Rec);
    const links = record.linked_objects as { data: Rec[]; total_count: number };
    const data = links.data.filter((link) => link.id !== linkedId);
    record.linked_objects = { ...links, data, total_count: data.length };
    record.updated_at = this.now;
    this.conversations.set(i, record);
  }

  /** Kept until the conversation is next regenerated (addConversationPart rebuilds it with its generated tags). */
  #editConversationTags(id: string, change: (tags: Rec[]) => Rec[]): void {
    const i = this.conversationIndex(id);
    if (i === undefined) throw new UnknownRecordError("conversation", id);
    const record = structuredClone(this.conversations.current(i) as Rec);
    const tags = record.tags as { type: string; tags: Rec[] };
    record.tags = { ...tags, tags: change(tags.tags) };
    record.updated_at = this.now;
    this.conversations.set(i, record);
  }

  /** The parts GET /tickets/{id} returns for ticket i. */
  ticketParts(i: number): Rec[] {
    return ticketParts(this.ctx, i);
  }

  updateContact(id: string): void {
    const i = this.contactIndex(id);
    if (i === undefined) throw new UnknownRecordError("contact", id);
    const record = structuredClone(this.contacts.current(i) as Rec);
    const custom = record.custom_attributes as Rec;
    custom.seats = Number(custom.seats ?? 0) + 1;
    record.updated_at = this.now;
    this.contacts.set(i, record);
  }

  createContact(): string {
    const i = this.contacts.nextIndex();
    const record = contact(this.ctx, i, this.now, this.now);
    this.contacts.set(i, record);
    return String(record.id);
  }

  updateCompany(id: string): void {
    const i = this.companyIndex(id);
    if (i === undefined) throw new UnknownRecordError("company", id);
    const record = structuredClone(this.companies.current(i) as Rec);
    record.session_count = Number(record.session_count ?? 0) + 1;
    record.updated_at = this.now;
    record.last_request_at = this.now;
    this.companies.set(i, record);
  }

  updateTicket(id: string): void {
    const i = this.ticketIndex(id);
    if (i === undefined) throw new UnknownRecordError("ticket", id);
    const state = String((this.tickets.current(i) as Rec).ticket_state);
    const next = TICKET_STATES[(TICKET_STATES.indexOf(state as (typeof TICKET_STATES)[number]) + 1) % TICKET_STATES.length];
    this.tickets.set(i, ticket(this.ctx, i, this.now, next));
  }

  /** Unlink a conversation or ticket from a ticket now: its embedded `linked_objects` lose it, updated_at becomes now. */
  unlinkFromTicket(id: string, linkedId: string): void {
    const i = this.ticketIndex(id);
    if (i === undefined) throw new UnknownRecordError("ticket", id);
    const record = structuredClone(this.tickets.current(i) as Rec);
    const links = record.linked_objects as { data: Rec[]; total_count: number };
    const data = links.data.filter((link) => link.id !== linkedId);
    record.linked_objects = { ...links, data, total_count: data.length };
    record.updated_at = this.now;
    this.tickets.set(i, record);
  }

  addConversationPart(conversationId: string): void {
    const i = this.conversationIndex(conversationId);
    if (i === undefined) throw new UnknownRecordError("conversation", conversationId);
    const added = this.addedParts.get(i) ?? [];
    added.push(this.now);
    this.addedParts.set(i, added);
    this.conversations.set(i, conversation(this.ctx, i, this.#partCount(i), this.now));
  }

  updateArticle(id: string): void {
    const i = numericIdIndex(ID_BASE.article, id);
    if (i === undefined || i >= this.ctx.sizes.articles) throw new UnknownRecordError("article", id);
    this.#articleEdits.set(i, this.now);
  }

  /** A stream's records as one array (the small lists the routes answer from). */
  listOf(stream: FakeStreamName): Rec[] {
    return [...this.records(stream)] as Rec[];
  }

  addActivityLog(): string {
    const record = activityLog(this.ctx, this.ctx.sizes.activityLogs + this.addedLogs.length, this.now);
    this.addedLogs.push(record);
    return String(record.id);
  }

  /** Created time of activity log i (base or added), non-decreasing in i. */
  activityLogTime(i: number): number {
    const n = this.ctx.sizes.activityLogs;
    return i < n ? activityLogCreatedAt(this.ctx, i) : (this.addedLogs[i - n]?.created_at as number);
  }

  activityLogAt(i: number): Rec {
    const n = this.ctx.sizes.activityLogs;
    return i < n ? activityLog(this.ctx, i) : (this.addedLogs[i - n] as Rec);
  }

  activityLogCount(): number {
    return this.ctx.sizes.activityLogs + this.addedLogs.length;
  }

  records(stream: FakeStreamName): Iterable<Rec> {
    const records = this.#allRecords(stream);
    const deleted = this.#deletedIds.get(stream);
    if (!deleted?.size) return records;
    return (function* () {
      for (const record of records) if (record.id === undefined || !deleted.has(String(record.id))) yield record;
    })();
  }

  #allRecords(stream: FakeStreamName): Iterable<Rec> {
    const records = this.#streamRecords[stream];
    if (records === undefined) throw new UnknownRecordError("stream", stream);
    return records(this);
  }

  touch(stream: FakeStreamName, id: string): void {
    if (![...this.records(stream)].some((record) => String(record.id) === id)) throw new UnknownRecordError(stream, id);
    this.#touched.set(`${stream}/${id}`, this.now);
  }

  /** The updated_at `touch` gave a record, if any (records/example-list.ts applies it). */
  touchedAt(stream: FakeStreamName, id: string): number | undefined {
    return this.#touched.get(`${stream}/${id}`);
  }

  /** The updated_at an edit gave article i (updateArticle), if any. */
  articleEdit(i: number): number | undefined {
    return this.#articleEdits.get(i);
  }

  *companySegmentRows(): Generator<Rec> {
    for (let c = 0; c < this.ctx.sizes.companies; c++) {
      if (!this.companies.current(c)) continue; // deleted, with its links
      const companyId = this.companies.baseId(c);
      const segments = this.live("segments", companySegmentIndices(this.ctx, c).map((s) => segment(this.ctx, s)));
      for (const record of segments) yield { ...record, company_id: companyId };
    }
  }

  /** A child stream of contacts: `children(i)` of every contact, each with its contact_id. */
  *perContact(children: (i: number) => Rec[]): Generator<Rec> {
    const end = this.contacts.nextIndex();
    for (let i = 0; i < end; i++) {
      const record = this.contacts.current(i);
      // A merged contact's children answer 404/410 like the contact itself: a complete export has none.
      if (!record || this.mergedContacts.has(String(record.id))) continue;
      for (const child of children(i)) yield { ...child, contact_id: record.id };
    }
  }

  /** One row per (conversation, tag), as conversation_tags exports it: the embedded tag plus the conversation's id and updated_at. */
  *conversationTagRows(): Generator<Rec> {
    for (const conversation of this.conversations.all()) {
      for (const tag of (conversation.tags as { tags: Rec[] }).tags) {
        yield { ...tag, conversation_id: conversation.id, conversation_updated_at: conversation.updated_at };
      }
    }
  }

  /** conversation_linked_objects: each conversation's embedded linked tickets and conversations, with its id and updated_at. */
  *conversationLinkRows(): Generator<Rec> {
    for (const conversation of this.conversations.all()) {
      for (const link of (conversation.linked_objects as { data: Rec[] }).data) {
        yield { ...link, conversation_id: conversation.id, conversation_updated_at: conversation.updated_at };
      }
    }
  }

  /** One row per (contact, tag or company), the whole list, as contact_tags / contact_companies export it. */
  *contactLinkRows(list: "tagIds" | "companyIds", type: string): Generator<Rec> {
    for (let i = 0; i < this.contacts.nextIndex(); i++) {
      const contact = this.contacts.current(i);
      if (!contact) continue;
      for (const id of this.contactLinks(i)[list]) {
        yield { type, id, contact_id: contact.id, contact_updated_at: contact.updated_at };
      }
    }
  }

  *ticketPartRows(): Generator<Rec> {
    for (let i = 0; i < this.tickets.nextIndex(); i++) {
      if (!this.tickets.current(i)) continue;
      const id = ticketId(i);
      for (const part of ticketParts(this.ctx, i)) yield { ...part, ticket_id: id };
    }
  }

  /** ticket_linked_objects: each ticket's embedded linked conversations and tickets, with its id and updated_at. */
  *ticketLinkRows(): Generator<Rec> {
    for (let i = 0; i < this.tickets.nextIndex(); i++) {
      const record = this.tickets.current(i);
      if (!record) continue;
      const links = (record.linked_objects as { data: Rec[] }).data;
      for (const link of links) yield { ...link, ticket_id: record.id, ticket_updated_at: record.updated_at };
    }
  }

  *conversationPartRows(): Generator<Rec> {
    for (let i = 0; i < this.ctx.sizes.conversations; i++) {
      if (!this.conversations.current(i)) continue;
      const id = conversationId(i);
      for (const part of this.parts(i)) yield { ...part, conversation_id: id };
    }
  }
}
