/**
 * A conversation or a ticket as one markdown transcript: a header of metadata (a bullet list a person reads and a
 * parser splits on `- key: value`), then one block per message in time order. Every block starts with a line
 * `### <role> · <author> · <YYYY-MM-DD HH:MM UTC>` after a `---` line, so any splitter can chunk on `\n---\n`;
 * a system event (assigned, closed, snoozed, …) is that line alone, an internal note says so in its role.
 * The conversation's opening message (its `source`) is the first block, then its parts.
 */
import type { JsonRecord } from "../../streams/types.ts";
import { htmlToMarkdown } from "./html-markdown.ts";

export interface TranscriptOptions {
  /** Internal notes in the transcript (labelled as such). Default true. */
  notes?: boolean;
  /** The inbox origin and workspace, for the record's URL: e.g. { origin: "https://app.eu.intercom.com", appId }. */
  app?: { origin: string; appId: string };
}

/** What every document record holds (see src/streams/document-schema.ts). */
export interface DocumentRecord extends JsonRecord {
  id: string;
  title: string | null;
  markdown: string;
  url: string | null;
  updated_at: number | null;
}

type Role = "customer" | "teammate" | "bot" | "AI agent" | "internal note" | "event";

const CAP = 500;

export function renderConversation(conversation: JsonRecord, parts: readonly JsonRecord[], options: TranscriptOptions = {}): DocumentRecord {
  const source = obj(conversation.source);
  const opening = source && (str(source.body) || arr(source.attachments).length > 0)
    ? [{ ...source, part_type: "comment", created_at: conversation.created_at }]
    : [];
  const blocks = [...opening, ...ordered(parts)].flatMap((part) => block(part, options));
  const count = num(obj(conversation.statistics)?.count_conversation_parts);
  const truncated = parts.length >= CAP && (count === undefined || count > parts.length);
  const authors = authorNames([source, ...parts]);
  const contacts = arr(obj(conversation.contacts)?.contacts).map((contact) => contactName(obj(contact), authors));
  // A title or subject is HTML in Intercom's answers too (an email's subject, a title with bold text).
  const title = flat(htmlToMarkdown(str(conversation.title)) || htmlToMarkdown(str(source?.subject)) || firstLine(blocks));
  const rating = obj(conversation.conversation_rating);
  const aiAgent = obj(conversation.ai_agent);
  const fields = {
    id: String(conversation.id),
    title: title || null,
    state: str(conversation.state) || null,
    contacts,
    assignee: teammate(conversation.admin_assignee_id, authors),
    team: idLabel("team", conversation.team_assignee_id),
    tags: arr(obj(conversation.tags)?.tags).map((tag) => str(obj(tag)?.name)).filter((name) => name !== ""),
    channel: str(source?.type) || null,
    rating: num(rating?.rating) ?? null,
    ai_agent_resolution_state: str(aiAgent?.resolution_state) || null,
  };
  return documentOf("Conversation", conversation, fields, blocks, truncated, options);
}

export function renderTicket(ticket: JsonRecord, parts: readonly JsonRecord[], options: TranscriptOptions = {}): DocumentRecord {
  const blocks = ordered(parts).flatMap((part) => block(part, options));
  const attributes = obj(ticket.ticket_attributes) ?? {};
  const authors = authorNames(parts);
  const type = obj(ticket.ticket_type);
  const state = obj(ticket.ticket_state);
  // Attributes are text, but a title pasted from a message can carry its markup.
  const title = flat(htmlToMarkdown(str(attributes._default_title_)) || firstLine(blocks));
  const fields = {
    id: String(ticket.id),
    title: title || null,
    // 2.11 sends the state's name; from 2.12 an object with its labels.
    state: (state ? str(state.internal_label) || str(state.category) : str(ticket.ticket_state)) || null,
    contacts: arr(obj(ticket.contacts)?.contacts).map((contact) => contactName(obj(contact), authors)),
    assignee: teammate(ticket.admin_assignee_id, authors),
    team: idLabel("team", ticket.team_assignee_id),
    ticket_type: str(type?.name) || null,
  };
  const extra = Object.entries(attributes)
    .filter(([name]) => name !== "_default_title_")
    .map(([name, value]) => `- ${name === "_default_description_" ? "description" : name}: ${oneLine(value)}`);
  const header = [`- ticket: #${str(ticket.ticket_id)}`, `- category: ${str(ticket.category) || "—"}`, ...extra];
  return documentOf("Ticket", ticket, fields, blocks, parts.length >= CAP, options, header);
}

function documentOf(
  kind: "Conversation" | "Ticket",
  record: JsonRecord,
  fields: { id: string; title: string | null; state: string | null; [field: string]: unknown },
  blocks: string[],
  truncated: boolean,
  options: TranscriptOptions,
  more: string[] = [],
): DocumentRecord {
  const url = options.app ? `${options.app.origin}/a/inbox/${options.app.appId}/inbox/conversation/${fields.id}` : null;
  const createdAt = num(record.created_at) ?? null;
  const updatedAt = num(record.updated_at) ?? null;
  const listed = (values: unknown) => (Array.isArray(values) && values.length > 0 ? values.join(", ") : "—");
  const header = [
    `# ${kind} ${fields.id}${fields.title ? `: ${fields.title}` : ""}`,
    "",
    `- id: ${fields.id}`,
    `- state: ${fields.state ?? "—"}`,
    ...(fields.ticket_type !== undefined ? [`- type: ${fields.ticket_type ?? "—"}`] : []),
    `- created: ${utc(createdAt)}`,
    `- updated: ${utc(updatedAt)}`,
    `- contacts: ${listed(fields.contacts)}`,
    `- assignee: ${fields.assignee ?? "—"}`,
    `- team: ${fields.team ?? "—"}`,
    ...(fields.tags !== undefined ? [`- tags: ${listed(fields.tags)}`] : []),
    ...(fields.channel !== undefined ? [`- channel: ${fields.channel ?? "—"}`] : []),
    ...(fields.rating !== undefined ? [`- rating: ${fields.rating ?? "—"}`] : []),
    ...(fields.ai_agent_resolution_state !== undefined ? [`- AI agent resolution: ${fields.ai_agent_resolution_state ?? "—"}`] : []),
    ...more,
    `- url: ${url ?? "—"}`,
    `- truncated: ${truncated ? `yes: Intercom returns only the ${CAP} most recent parts, older messages are missing` : "no"}`,
  ];
  const markdown = [header.join("\n"), ...blocks].join("\n\n---\n\n") + "\n";
  return { ...fields, markdown, url, created_at: createdAt, updated_at: updatedAt, messages: blocks.length, truncated };
}

/** Parts in time order; Intercom sends them so, the sort (stable) only guards it. */
function ordered(parts: readonly JsonRecord[]): JsonRecord[] {
  return [...parts].sort((a, b) => (num(a.created_at) ?? 0) - (num(b.created_at) ?? 0));
}

/** One message's block, or none (a note left out, a part with nothing to say). */
function block(part: JsonRecord, options: TranscriptOptions): string[] {
  const author = obj(part.author);
  const role = roleOf(part);
  if (role === "internal note" && options.notes === false) return [];
  const line = `### ${role} · ${authorLabel(author)} · ${utc(num(part.created_at) ?? null)}`;
  const body = htmlToMarkdown(str(part.body));
  const attachments = arr(part.attachments).map((attachment) => {
    const a = obj(attachment);
    return `- attachment: [${str(a?.name) || "file"}](${str(a?.url)})`;
  });
  if (role === "event") {
    const what = eventText(part);
    return [[`${line} · ${what}`, ...(body ? [body] : []), ...attachments].join("\n\n")];
  }
  return [[line, body || "*(no text)*", ...(attachments.length > 0 ? [attachments.join("\n")] : [])].join("\n\n")];
}

function roleOf(part: JsonRecord): Role {
  const type = str(part.part_type);
  if (type === "note") return "internal note";
  if (type !== "comment" && type !== "" && !(type === "open" && str(part.body) !== "")) return "event";
  const author = obj(part.author);
  const who = str(author?.type);
  if (who === "admin" || who === "team") return "teammate";
  if (who === "bot") return /^fin\b/i.test(str(author?.name)) || part.ai_agent_participated === true ? "AI agent" : "bot";
  return "customer";
}

/** Intercom's part types as a reader says them; any other is its own name with spaces. */
const EVENT_WORDS: Record<string, string> = {
  assignment: "assigned",
  away_mode_assignment: "assigned (away mode)",
  default_assignment: "assigned",
  close: "closed",
  open: "reopened",
  snoozed: "snoozed",
  unsnoozed: "unsnoozed",
  timer_unsnooze: "unsnoozed",
  ticket_state_updated_by_admin: "ticket state",
};

/** A system event in a few words: "assigned to Ana", "closed", "ticket state: resolved". */
function eventText(part: JsonRecord): string {
  const type = str(part.part_type);
  const words = EVENT_WORDS[type] ?? (type.replaceAll("_", " ") || "event");
  const assigned = obj(part.assigned_to);
  if (assigned) return `${words} to ${str(assigned.name) || `${str(assigned.type) || "admin"} ${str(assigned.id)}`}`;
  if (str(part.ticket_state) || obj(part.ticket_state)) return `${words}: ${str(obj(part.ticket_state)?.internal_label) || str(part.ticket_state)}`;
  return words;
}

function authorLabel(author: JsonRecord | undefined): string {
  return str(author?.name) || str(author?.email) || (author?.id !== undefined ? `${str(author.type)} ${str(author.id)}` : "unknown");
}

/** Names the parts give for their authors' ids: the only names a transcript knows without another request. */
function authorNames(parts: readonly (JsonRecord | undefined)[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const part of parts) {
    const author = obj(part?.author);
    if (author?.id !== undefined && (str(author.name) || str(author.email))) names.set(String(author.id), str(author.name) || str(author.email));
  }
  return names;
}

function contactName(contact: JsonRecord | undefined, authors: Map<string, string>): string {
  const id = str(contact?.id);
  return authors.get(id) ?? (str(contact?.name) || str(contact?.email) || `contact ${id}`);
}

function teammate(id: unknown, authors: Map<string, string>): string | null {
  const key = str(id);
  if (key === "" || key === "0") return null;
  return authors.get(key) ?? `admin ${key}`;
}

function idLabel(kind: string, id: unknown): string | null {
  const key = str(id);
  return key === "" || key === "0" ? null : `${kind} ${key}`;
}

function firstLine(blocks: string[]): string {
  const body = blocks[0]?.split("\n\n")[1] ?? "";
  const line = body.split("\n")[0]?.trim() ?? "";
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** Unix seconds as "2026-01-02 03:04 UTC". */
export function utc(seconds: number | null): string {
  if (seconds === null) return "—";
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function oneLine(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return (typeof value === "string" ? htmlToMarkdown(value) : JSON.stringify(value)).replace(/\s+/g, " ").trim();
}

function obj(value: unknown): JsonRecord | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
