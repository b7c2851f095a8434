/**
 * The document streams (conversation_transcripts, ticket_transcripts, article_documents): one markdown document per
 * conversation, ticket and article, rendered from what the run reads, re-rendered when the source is re-read and
 * deleted with it.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { memoryStateStore, type StateStore } from "../../src/engine/state-store.ts";
import type { JsonRecord } from "../../src/sinks/types.ts";
import { htmlToMarkdown } from "../../src/engine/documents/html-markdown.ts";
import { STREAM_SCHEMAS } from "../../src/streams/schemas.ts";
import { createRecordValidator } from "../../src/schema/validate.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

let fake: RunningFake;
let store: StateStore;

beforeEach(async () => {
  const wall = Date.now();
  fake = await startFake({
    wallClock: () => wall,
    sizes: { conversations: 12, contacts: 6, admins: 3, tickets: 5, maxParts: 6, articles: 6, collections: 2 },
  });
  store = memoryStateStore();
});
afterEach(() => fake.close());

/** The `### role · author · time` lines of a transcript, in order. */
function blockLines(markdown: string): string[] {
  return markdown.split("\n\n---\n\n").slice(1).map((block) => block.split("\n")[0]!);
}

function byId(records: readonly JsonRecord[]): Map<string, JsonRecord> {
  return new Map(records.map((record) => [String(record.id), record]));
}

/** How a transcript names an author: the name, else the email (a lead may have no name). */
const NAME = (author: unknown): string => String((author as JsonRecord).name || (author as JsonRecord).email);

const ROLE = (part: JsonRecord): string => {
  const author = part.author as JsonRecord;
  if (part.part_type === "note") return "internal note";
  if (part.part_type !== "comment") return "event";
  return author.type === "admin" ? "teammate" : author.type === "bot" ? "bot" : "customer";
};

test("every conversation has exactly one transcript: its opening message, then its parts in order with their roles, no HTML left", async () => {
  const { sink, result } = await syncWith(fake, ["conversations", "conversation_parts", "conversation_transcripts"], { store });
  expect(result.outcome).toBe("ok");
  const conversations = sink.all("conversations");
  const transcripts = sink.all("conversation_transcripts");
  expect(transcripts.map((t) => t.id).sort()).toEqual(conversations.map((c) => c.id).sort());
  const parts = sink.all("conversation_parts");
  for (const conversation of conversations) {
    const transcript = byId(transcripts).get(String(conversation.id))!;
    const markdown = String(transcript.markdown);
    expect(markdown).not.toMatch(/<\/?[a-z][^>]*>/i);
    const own = parts.filter((part) => part.conversation_id === conversation.id);
    const lines = blockLines(markdown);
    expect(lines.length, String(conversation.id)).toBe(own.length + 1);
    const source = conversation.source as JsonRecord;
    expect(lines[0]).toStartWith(`### ${(source.author as JsonRecord).type === "admin" ? "teammate" : "customer"} · ${NAME(source.author)} · `);
    own.forEach((part, index) => {
      const line = lines[index + 1]!;
      expect(line, `${String(conversation.id)} part ${index}`).toStartWith(`### ${ROLE(part)} · ${NAME(part.author)} · `);
      expect(line).toContain(new Date(Number(part.created_at) * 1000).toISOString().slice(0, 16).replace("T", " "));
    });
    expect(transcript.updated_at).toBe(conversation.updated_at);
    expect(transcript.messages).toBe(own.length + 1);
    expect(String(transcript.url)).toMatch(
      new RegExp(`^https://app\\.intercom\\.com/a/inbox/[a-z0-9]+/inbox/conversation/${String(conversation.id)}$`),
    );
  }
  // The parts' requests serve both streams: one GET per conversation.
  expect(fake.stats.byRoute["GET /conversations/{id}"]).toBe(conversations.length);
});

test("a transcript alone costs what its parts would, and renders the same", async () => {
  const both = await syncWith(fake, ["conversation_parts", "conversation_transcripts"]);
  const before = fake.stats.byRoute["GET /conversations/{id}"] ?? 0;
  const alone = await syncWith(fake, ["conversation_transcripts"]);
  expect(alone.sink.records.has("conversation_parts")).toBe(false);
  expect((fake.stats.byRoute["GET /conversations/{id}"] ?? 0) - before).toBe(both.sink.all("conversation_transcripts").length);
  // Time windows are written in whichever order they finish: compared by id.
  const sorted = (records: readonly JsonRecord[]) => [...records].sort((x, y) => String(x.id).localeCompare(String(y.id)));
  expect(sorted(alone.sink.all("conversation_transcripts"))).toEqual(sorted(both.sink.all("conversation_transcripts")));
});

test("the 500-part cap is said in the transcript's header", async () => {
  await fake.close();
  fake = await startFake({ sizes: { conversations: 20, contacts: 4, admins: 2, maxParts: 2 } });
  const { sink } = await syncWith(fake, ["conversation_transcripts"]);
  const transcripts = sink.all("conversation_transcripts");
  const capped = transcripts.filter((t) => t.truncated === true);
  expect(capped.length).toBeGreaterThan(0);
  for (const transcript of capped) expect(String(transcript.markdown)).toContain("- truncated: yes");
  expect(transcripts.filter((t) => t.truncated !== true).every((t) => String(t.markdown).includes("- truncated: no"))).toBe(true);
});

test("internal notes are labelled, and left out with omitInternalNotes", async () => {
  const withNotes = await syncWith(fake, ["conversation_parts", "conversation_transcripts"]);
  const notes = withNotes.sink.all("conversation_parts").filter((part) => part.part_type === "note");
  expect(notes.length).toBeGreaterThan(0);
  const all = withNotes.sink.all("conversation_transcripts").map((t) => String(t.markdown)).join("\n");
  expect(all.split("### internal note · ").length - 1).toBe(notes.length);
  const without = await syncWith(fake, ["conversation_transcripts"], { omitInternalNotes: true });
  expect(without.sink.all("conversation_transcripts").map((t) => String(t.markdown)).join("\n")).not.toContain("### internal note");
});

test("every ticket has one transcript with its type, state and attributes in the header and its parts in order", async () => {
  const { sink } = await syncWith(fake, ["tickets", "ticket_parts", "ticket_transcripts"]);
  const tickets = sink.all("tickets");
  const transcripts = byId(sink.all("ticket_transcripts"));
  expect(transcripts.size).toBe(tickets.length);
  for (const ticket of tickets) {
    const transcript = transcripts.get(String(ticket.id))!;
    const markdown = String(transcript.markdown);
    expect(markdown).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(markdown).toContain(`- type: ${(ticket.ticket_type as JsonRecord).name}`);
    expect(markdown).toContain(`- state: ${String(ticket.ticket_state)}`);
    const attributes = ticket.ticket_attributes as JsonRecord;
    expect(transcript.title).toBe(htmlToMarkdown(String(attributes._default_title_)));
    expect(markdown).toContain(`- description: ${htmlToMarkdown(String(attributes._default_description_))}`);
    const own = sink.all("ticket_parts").filter((part) => part.ticket_id === ticket.id);
    const lines = blockLines(markdown);
    expect(lines.length).toBe(own.length);
    own.forEach((part, index) => expect(lines[index]).toStartWith(`### ${ROLE(part)} · ${NAME(part.author)} · `));
  }
});

/** Each article's locales, as its translated_content lists them: one document per (id, locale). */
function articleKeys(articles: readonly JsonRecord[]): string[] {
  return articles.flatMap((article) =>
    Object.keys(article.translated_content as JsonRecord).filter((locale) => locale !== "type").map((locale) => `${String(article.id)} ${locale}`)
  ).sort();
}

test("articles: one document per article and translation, no HTML; the next run renders only the edited one and deletes a deleted one", async () => {
  const first = await syncWith(fake, ["article_documents"], { store });
  const articles = [...fake.workspace.records("articles")];
  const documents = first.sink.all("article_documents");
  expect(documents.map((d) => `${String(d.id)} ${String(d.locale)}`).sort()).toEqual(articleKeys(articles));
  // The fake gives some articles translations (fr, de, pt-BR): each is its own document, in its own words.
  const translated = documents.filter((d) => d.locale !== "en");
  expect(translated.length).toBeGreaterThan(0);
  for (const document of translated) {
    expect(String(document.markdown)).toContain(`[${String(document.locale)}]`);
    expect(String(document.markdown)).not.toContain("[en]");
    expect(String(document.url)).toContain(`/${String(document.locale)}/articles/`);
  }
  for (const document of documents) expect(String(document.markdown)).not.toMatch(/<\/?[a-z][^>]*>/i);
  fake.workspace.now += 3_600;
  const edited = String(articles[1]!.id);
  const gone = articles.find((article, index) => index > 1 && Object.keys(article.translated_content as JsonRecord).length > 2)!;
  fake.workspace.updateArticle(edited);
  fake.workspace.deleteRecord("articles", String(gone.id));
  const second = await syncWith(fake, ["article_documents"], { store });
  expect([...new Set(second.sink.all("article_documents").map((d) => d.id))]).toEqual([edited]);
  expect(second.sink.all("article_documents").map((d) => `${String(d.id)} ${String(d.locale)}`).sort()).toEqual(
    articleKeys([articles[1]!]),
  );
  // Every translation of the deleted article is deleted.
  expect(second.sink.deletions.get("article_documents")!.map((d) => `${d.key.id} ${d.key.locale}`).sort()).toEqual(articleKeys([gone]));
});

test("after an edit, a new part and a deletion, the next run re-renders only the changed transcripts and deletes the deleted one as the conversation is", async () => {
  const streams = ["conversations", "conversation_transcripts"] as const;
  await syncWith(fake, [...streams], { store, intercomVersion: "2.11" });
  const ids = [...fake.workspace.records("conversations")].map((record) => String(record.id));
  fake.workspace.now += 3_600;
  fake.workspace.addConversationPart(ids[1]!);
  fake.workspace.tagConversation(ids[3]!, String([...fake.workspace.records("tags")][0]!.id));
  fake.workspace.deleteRecord("conversations", ids[6]!);
  fake.workspace.now += 60;
  const { sink, result } = await syncWith(fake, [...streams], { store, intercomVersion: "2.11" });
  expect(result.outcome).toBe("ok");
  expect(sink.all("conversation_transcripts").map((t) => t.id).sort()).toEqual([ids[1]!, ids[3]!].sort());
  expect(sink.deletions.get("conversation_transcripts")).toEqual(sink.deletions.get("conversations")!);
  expect(sink.deletions.get("conversation_transcripts")!.map((d) => d.key)).toEqual([{ id: ids[6]! }]);
  // Exactly once: the next run writes neither again.
  const again = await syncWith(fake, [...streams], { store, intercomVersion: "2.11" });
  expect(again.sink.deletions.size).toBe(0);
  expect(again.sink.all("conversation_transcripts").length).toBe(0);
});

test("every document record holds to its stream's schema, on every stream", async () => {
  const names = ["conversation_transcripts", "ticket_transcripts", "article_documents"] as const;
  const { sink, result } = await syncWith(fake, [...names]);
  expect(result.mismatches).toEqual(expect.anything());
  for (const name of names) {
    const check = createRecordValidator(STREAM_SCHEMAS[name]!);
    expect(sink.all(name).length).toBeGreaterThan(0);
    for (const record of sink.all(name)) expect({ name, mismatches: check(record) }).toEqual({ name, mismatches: [] });
  }
});
