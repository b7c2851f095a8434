/**
 * The --markdown-dir sink on its own: front matter that any YAML reader reads back exactly, the articles' tree
 * following the collections (moved when a collection moves, a deleted translation's file removed), transcripts on
 * disk before the progress that covers them, and no progress when a file cannot be written.
 */
import { expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { streamInfo } from "../../src/engine/run-sync.ts";
import { documentFileText } from "../../src/sinks/markdown-dir/document-file.ts";
import { frontMatter } from "../../src/sinks/markdown-dir/front-matter.ts";
import { articlePath, slug, transcriptPath } from "../../src/sinks/markdown-dir/paths.ts";
import { createMarkdownDirSink } from "../../src/sinks/markdown-dir/sink.ts";
import type { JsonRecord, PageBatch, Sink } from "../../src/sinks/types.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const STREAMS = ["conversation_transcripts", "article_documents", "collections"].map((name) => streamInfo(streamByName(name)!));

/** The front matter of a file's text, parsed by the `yaml` package (a reader of the kind loaders use). */
function parsedFrontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`no front matter in ${text.slice(0, 80)}`);
  return parse(match[1]!) as Record<string, unknown>;
}

test("front matter: titles that YAML would misread unquoted read back exactly", () => {
  const titles = [
    "Billing: why was I charged twice?",
    "# not a comment",
    "- not a list",
    "yes",
    "null",
    "0x1F",
    "1e3",
    "\"quoted\" and 'single'",
    "back\\slash",
    "two\nlines\tand a tab",
    "@mention & *star* | pipe > gt % percent ` tick {brace} [bracket]",
    "Ünïcode ✓ 日本語 😀",
    "line\u2028separator",
    "",
  ];
  for (const title of titles) {
    const text = frontMatter({ id: "42", title, tags: [title, "vip"], rating: 5, truncated: false, team: null });
    expect(parse(text.replace(/^---\n/, "").replace(/---\n$/, ""))).toEqual({ id: "42", title, tags: [title, "vip"], rating: 5, truncated: false });
  }
});

test("a document file is its front matter, then exactly the markdown of the document streams", () => {
  const document = {
    id: "7",
    title: "Refund: 50% off?",
    markdown: "# Conversation 7\n\n---\n\n### customer · Ana · 2025-01-01 10:00 UTC\n\nHello\n",
    url: "https://app.intercom.com/a/inbox/x/inbox/conversation/7",
    created_at: 1735725600,
    updated_at: 1735729200,
    contacts: ["Ana"],
    assignee: null,
    messages: 1,
    truncated: false,
  };
  const text = documentFileText(document);
  expect(parsedFrontMatter(text)).toEqual({
    id: "7",
    title: "Refund: 50% off?",
    url: document.url,
    created_at: "2025-01-01T10:00:00Z",
    updated_at: "2025-01-01T11:00:00Z",
    contacts: ["Ana"],
    messages: 1,
    truncated: false,
  });
  expect(text.slice(text.indexOf("\n---\n") + 5)).toBe("\n" + document.markdown);
});

test("paths: an article sits in its collections' folders; no id or locale names a path outside the directory", () => {
  const collections = new Map([
    ["1", { folder: "1-getting-started", parentId: null }],
    ["2", { folder: "2-first-steps", parentId: "1" }],
    ["8", { folder: "8-loop-a", parentId: "9" }],
    ["9", { folder: "9-loop-b", parentId: "8" }],
  ]);
  expect(articlePath({ id: "5", title: "Café & crème: how?", locale: "fr", collectionId: "2" }, collections)).toBe(
    "articles/1-getting-started/2-first-steps/5-cafe-creme-how.fr.md",
  );
  expect(articlePath({ id: "5", title: null, locale: "en", collectionId: null }, collections)).toBe("articles/5-article.en.md");
  expect(articlePath({ id: "5", title: "x", locale: "en", collectionId: "404" }, collections)).toBe("articles/5-x.en.md");
  // A loop in the parents stops instead of spinning.
  expect(articlePath({ id: "5", title: "x", locale: "en", collectionId: "8" }, collections)).toBe("articles/9-loop-b/8-loop-a/5-x.en.md");
  const hostile = [
    articlePath({ id: "../../etc/passwd", title: "x", locale: "../..", collectionId: null }, collections),
    transcriptPath("conversation_transcripts", "../x"),
    transcriptPath("ticket_transcripts", ".."),
  ];
  for (const path of hostile) {
    const [folder, ...rest] = path.split("/");
    expect(["articles", "conversations", "tickets"]).toContain(folder!);
    expect(rest.length, path).toBe(1);
    expect(rest[0]!.startsWith("."), path).toBe(false);
  }
  expect(slug("日本語", "article")).toBe("article");
});

const collection = (id: string, name: string, parent: string | null): JsonRecord => ({ id, name, parent_id: parent });
const article = (id: string, locale: string, title: string, collectionId: string | null, updatedAt = 1_700_000_000): JsonRecord => ({
  id,
  locale,
  title,
  markdown: `# ${title}\n\nBody ${id} ${locale}\n`,
  updated_at: updatedAt,
  collection_ids: collectionId === null ? [] : [collectionId],
});

async function run(dir: string, batches: PageBatch[]): Promise<void> {
  const sink: Sink = createMarkdownDirSink(dir);
  await sink.open(STREAMS);
  for (const batch of batches) await sink.commit!(batch);
  await sink.close();
}

test("two collections with the same name under one parent get a folder each, named by id and name, the same on every run", async () => {
  await withTempDir(async (dir) => {
    const batches: PageBatch[] = [
      {
        pass: "collections",
        pages: [{ stream: "collections", records: [collection("1", "Billing", null), collection("2", "FAQ", "1"), collection("3", "FAQ", "1")] }],
      },
      {
        pass: "articles",
        pages: [{ stream: "article_documents", records: [article("10", "en", "Refunds", "2"), article("11", "en", "Plans", "3")] }],
      },
    ];
    await run(dir, batches);
    const first = join(dir, "articles/1-billing/2-faq/10-refunds.en.md");
    const second = join(dir, "articles/1-billing/3-faq/11-plans.en.md");
    expect(readFileSync(first, "utf8")).toContain("Body 10 en");
    expect(readFileSync(second, "utf8")).toContain("Body 11 en");
    const written = statSync(first).mtimeMs;
    // A third collection of that name arriving later moves neither folder.
    await Bun.sleep(20);
    await run(dir, [{ pass: "collections", pages: [{ stream: "collections", records: [collection("4", "FAQ", "1")] }] }]);
    expect(statSync(first).mtimeMs).toBe(written);
    expect(statSync(second).isFile()).toBe(true);
  });
});

test("the articles' tree follows the collections: a moved section moves its articles, a deleted translation's file goes, the rest stay untouched", async () => {
  await withTempDir(async (dir) => {
    await run(dir, [
      { pass: "collections", pages: [{ stream: "collections", records: [collection("1", "Billing", null), collection("2", "Refunds", "1")] }] },
      {
        pass: "articles",
        pages: [{
          stream: "article_documents",
          records: [article("10", "en", "Get a refund", "2"), article("10", "fr", "Remboursement", "2"), article("11", "en", "Plans", "1")],
        }],
      },
    ]);
    const refundEn = join(dir, "articles/1-billing/2-refunds/10-get-a-refund.en.md");
    const refundFr = join(dir, "articles/1-billing/2-refunds/10-remboursement.fr.md");
    const plans = join(dir, "articles/1-billing/11-plans.en.md");
    for (const path of [refundEn, refundFr, plans]) expect(statSync(path).isFile()).toBe(true);
    expect(readFileSync(refundFr, "utf8")).toContain("Body 10 fr");
    const plansWritten = statSync(plans).mtimeMs;

    // Refunds becomes a top-level collection; the French translation of 10 is gone.
    await Bun.sleep(20);
    await run(dir, [
      { pass: "collections", pages: [{ stream: "collections", records: [collection("1", "Billing", null), collection("2", "Refunds", null)] }] },
      {
        pass: "articles",
        pages: [{ stream: "article_documents", records: [], deletions: [{ key: { id: "10", locale: "fr" }, deletedAt: 1_700_000_100 }] }],
      },
    ]);
    expect(statSync(join(dir, "articles/2-refunds/10-get-a-refund.en.md")).isFile()).toBe(true);
    expect(() => statSync(refundEn)).toThrow();
    expect(() => statSync(refundFr)).toThrow();
    expect(() => statSync(join(dir, "articles/2-refunds/10-remboursement.fr.md"))).toThrow();
    expect(statSync(plans).mtimeMs).toBe(plansWritten);
  });
});

test("a folder the run emptied is removed; DIR, articles/ and a folder holding anything else stay", async () => {
  await withTempDir(async (dir) => {
    await run(dir, [
      {
        pass: "collections",
        pages: [{
          stream: "collections",
          records: [collection("1", "Billing", null), collection("2", "Refunds", "1"), collection("3", "Notes", null)],
        }],
      },
      {
        pass: "articles",
        pages: [{ stream: "article_documents", records: [article("10", "en", "Get a refund", "2"), article("11", "en", "Mine", "3")] }],
      },
    ]);
    // Someone keeps a file of their own in Notes' folder.
    writeFileSync(join(dir, "articles/3-notes/README.txt"), "mine");
    // 10 moves out of every collection; 11 is deleted.
    await run(dir, [
      {
        pass: "articles",
        pages: [{
          stream: "article_documents",
          records: [article("10", "en", "Get a refund", null)],
          deletions: [{ key: { id: "11", locale: "en" }, deletedAt: 1_700_000_100 }],
        }],
      },
    ]);
    expect(statSync(join(dir, "articles/10-get-a-refund.en.md")).isFile()).toBe(true);
    expect(() => statSync(join(dir, "articles/1-billing/2-refunds"))).toThrow();
    expect(() => statSync(join(dir, "articles/1-billing"))).toThrow();
    expect(readdirSync(join(dir, "articles/3-notes"))).toEqual(["README.txt"]);

    // The last article deleted: articles/ itself and DIR stay.
    await run(dir, [{
      pass: "articles",
      pages: [{ stream: "article_documents", records: [], deletions: [{ key: { id: "10", locale: "en" }, deletedAt: 1_700_000_200 }] }],
    }]);
    expect(readdirSync(join(dir, "articles")).sort()).toEqual(["3-notes"]);
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});

test("a page's transcripts are on disk before its progress is applied; a file that cannot be written applies no progress", async () => {
  await withTempDir(async (dir) => {
    const transcript = (id: string): JsonRecord => ({ id, title: `T${id}`, markdown: `# Conversation ${id}\n`, updated_at: 1 });
    const seen: boolean[] = [];
    const sink = createMarkdownDirSink(join(dir, "out"));
    await sink.open(STREAMS);
    await sink.commit!({
      pass: "conversations",
      pages: [{ stream: "conversation_transcripts", records: [transcript("1"), transcript("2")] }],
      progress: () => {
        seen.push(["1", "2"].every((id) => statSync(join(dir, "out", `conversations/${id}.md`)).isFile()));
        return () => {};
      },
    });
    expect(seen).toEqual([true]);
    // A deletion removes the file.
    await sink.commit!({
      pass: "conversations",
      pages: [{ stream: "conversation_transcripts", records: [], deletions: [{ key: { id: "1" }, deletedAt: 2 }] }],
    });
    expect(() => statSync(join(dir, "out/conversations/1.md"))).toThrow();
    await sink.close();

    // `tickets` is a file here, so no ticket transcript can be written under it.
    mkdirSync(join(dir, "blocked"));
    writeFileSync(join(dir, "blocked/tickets"), "in the way");
    const blocked = createMarkdownDirSink(join(dir, "blocked"));
    await blocked.open([...STREAMS, streamInfo(streamByName("ticket_transcripts")!)]);
    let applied = false;
    await expect(blocked.commit!({
      pass: "tickets",
      pages: [{ stream: "ticket_transcripts", records: [transcript("3")] }],
      progress: () => {
        applied = true;
        return () => {};
      },
    })).rejects.toThrow(/could not write a ticket_transcripts file/);
    expect(applied).toBe(false);
    await blocked.close();
  });
});
