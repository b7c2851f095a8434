/**
 * The document streams of a pass (StreamSpec read kind "document"), rendered from the page of parents it just read
 * and, for a transcript, their parts: the page of the parts stream when it is selected, else the same per-parent
 * request made here (so a transcript alone costs what its parts would). A root read whole every run (articles)
 * renders only the records changed since the document's cursor, as the root's own stream emits them.
 */
import type { Page } from "../../sinks/types.ts";
import { streamByName } from "../../streams/catalog.ts";
import type { DocumentRead, JsonRecord, StreamDefinition } from "../../streams/types.ts";
import { mapOrdered } from "../limiter.ts";
import { type Pass, type PassContext, streamStart } from "../pass.ts";
import { cursorValue } from "../records.ts";
import { articleDocumentKeys, renderArticle } from "./article.ts";
import { type DocumentRecord, renderConversation, renderTicket, type TranscriptOptions } from "./transcript.ts";

/** Reads one parent's records of `parts` the way the parts stream would (children.ts fetchChildren), named for `document`. */
export type FetchParts = (document: StreamDefinition, parts: StreamDefinition, parent: JsonRecord) => Promise<JsonRecord[]>;

export function isDocument(stream: StreamDefinition): stream is StreamDefinition & { read: DocumentRead } {
  return stream.read.kind === "document";
}

export async function documentPages(
  context: PassContext,
  pass: Pass,
  parents: readonly JsonRecord[],
  read: readonly Page[],
  fetchParts: FetchParts,
): Promise<Page[]> {
  const pages: Page[] = [];
  for (const document of pass.children.filter(isDocument)) {
    const since = pass.root.sync === "client-cursor" ? streamStart(context, document.name) : undefined;
    const changed = since === undefined ? parents : parents.filter((parent) => (cursorValue(parent, pass.root.cursorField) ?? since) >= since);
    const options: TranscriptOptions = { notes: !context.options.omitInternalNotes, ...(context.app ? { app: context.app } : {}) };
    const partsOf = await partsByParent(context, document, changed, read, fetchParts);
    const records = changed.flatMap((parent) => render(document.read, parent, partsOf(parent), options));
    pages.push({ stream: document.name, records });
  }
  return pages;
}

function render(read: DocumentRead, parent: JsonRecord, parts: readonly JsonRecord[], options: TranscriptOptions): DocumentRecord[] {
  switch (read.format) {
    case "conversation":
      return [renderConversation(parent, parts, options)];
    case "ticket":
      return [renderTicket(parent, parts, options)];
    case "article":
      return renderArticle(parent);
  }
}

/**
 * The keys of the documents a parent record renders to (for the deletions of a complete read): a transcript is
 * keyed by its parent's id, an article's documents by (id, locale), one per translation.
 */
export function documentKeys(read: DocumentRead, parent: JsonRecord): JsonRecord[] {
  return read.format === "article" ? articleDocumentKeys(parent) : [{ id: parent.id }];
}

/** Each parent's parts: from the parts stream's page of this batch when it has one, else read here. */
async function partsByParent(
  context: PassContext,
  document: StreamDefinition & { read: DocumentRead },
  parents: readonly JsonRecord[],
  read: readonly Page[],
  fetchParts: FetchParts,
): Promise<(parent: JsonRecord) => readonly JsonRecord[]> {
  const name = document.read.parts;
  if (name === undefined) return () => [];
  const parts = streamByName(name);
  if (parts?.read.kind !== "child") throw new Error(`stream ${document.name}: its parts ${name} are not a child stream`);
  // The child field holding its parent's id (conversation_id ← id).
  const field = Object.entries(parts.read.copy).find(([, from]) => from === "id")?.[0];
  if (field === undefined) throw new Error(`stream ${name} copies no id from its parent`);
  const page = read.find((candidate) => candidate.stream === name);
  const records = page
    ? page.records
    : (await mapOrdered(parents, context.options.childConcurrency, (parent) => fetchParts(document, parts, parent))).flat();
  const grouped = new Map<string, JsonRecord[]>();
  for (const record of records) {
    const key = String(record[field]);
    const list = grouped.get(key) ?? [];
    list.push(record);
    grouped.set(key, list);
  }
  return (parent) => grouped.get(String(parent.id)) ?? [];
}
