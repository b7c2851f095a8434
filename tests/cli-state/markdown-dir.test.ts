/**
 * `--markdown-dir DIR` through the real CLI, the "done when" for the directory: every conversation and
 * ticket one file holding its transcript (the same markdown as the document streams), the articles as a tree that
 * matches the help center's collections with every translation; after an edit, a new part and a deletion the next
 * run rewrites only the changed files and removes the deleted one; a removed directory is rebuilt, not "up to date".
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { slug } from "../../src/sinks/markdown-dir/paths.ts";
import { catchUp, pastNow, settle, SMALL_SIZES, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 5, now: pastNow(), sizes: { ...SMALL_SIZES, admins: 3, tags: 3, articles: 14, collections: 6 } });
});
afterEach(() => fake.close());

type Rec = Record<string, unknown>;
const records = (stream: "conversations" | "tickets" | "articles" | "collections"): Rec[] => [...fake.workspace.records(stream)];

/** Every `.md` file under `dir`, by its path relative to it, with its text and modification time. */
function files(dir: string): Map<string, { text: string; mtime: number }> {
  const found = new Map<string, { text: string; mtime: number }>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) found.set(relative(dir, path), { text: readFileSync(path, "utf8"), mtime: statSync(path).mtimeMs });
    }
  };
  walk(dir);
  return found;
}

function split(text: string): { front: Rec; markdown: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n/.exec(text);
  if (!match) throw new Error(`no front matter: ${text.slice(0, 60)}`);
  return { front: parse(match[1]!) as Rec, markdown: text.slice(match[0].length) };
}

/** Where the help center's collections put an article: the chain of its collection's names from the top. */
function expectedArticlePaths(): string[] {
  const collections = new Map(records("collections").map((c) => [String(c.id), c]));
  return records("articles").flatMap((article) => {
    const folders: string[] = [];
    for (let id = article.parent_id == null ? undefined : String(article.parent_id); id !== undefined;) {
      const collection = collections.get(id)!;
      folders.unshift(`${id}-${slug(String(collection.name), "")}`);
      id = collection.parent_id == null ? undefined : String(collection.parent_id);
    }
    const translations = article.translated_content as Record<string, Rec>;
    return Object.keys(translations).filter((locale) => locale !== "type").map((locale) =>
      ["articles", ...folders, `${String(article.id)}-${slug(String(translations[locale]!.title), "")}.${locale}.md`].join("/")
    );
  }).sort();
}

test(
  "a file per conversation, ticket and article translation, in the collections' tree; the next run rewrites only what changed and removes the deleted",
  async () => {
    await withTempDir(async (tmp) => {
      const dir = join(tmp, "docs");
      const args = syncArgs(fake.url, join(tmp, "state.json"), ["--markdown-dir", dir, "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      // The same documents as JSON lines, from the same workspace, to compare the files' markdown with.
      const streams = "conversation_transcripts,ticket_transcripts,article_documents";
      const jsonl = join(tmp, "documents.jsonl");
      expect((await runCli(syncArgs(fake.url, join(tmp, "jsonl-state.json"), ["--streams", streams, "--output", jsonl]))).exitCode).toBe(0);
      const documents = readFileSync(jsonl, "utf8").split("\n").filter((line) => line !== "").map((line) =>
        JSON.parse(line) as { stream: string; data: Rec }
      );

      const first = files(dir);
      const conversations = records("conversations").map((c) => `conversations/${String(c.id)}.md`).sort();
      const tickets = records("tickets").map((t) => `tickets/${String(t.id)}.md`).sort();
      const articles = expectedArticlePaths();
      expect([...first.keys()].filter((path) => path.startsWith("conversations/")).sort()).toEqual(conversations);
      expect([...first.keys()].filter((path) => path.startsWith("tickets/")).sort()).toEqual(tickets);
      expect([...first.keys()].filter((path) => path.startsWith("articles/")).sort()).toEqual(articles);
      expect(articles.some((path) => path.split("/").length > 3)).toBe(true); // sections nest inside collections
      expect(articles.some((path) => !path.endsWith(".en.md"))).toBe(true); // translations have files
      for (const { stream, data } of documents) {
        const path = stream === "article_documents"
          ? articles.find((candidate) =>
            candidate.startsWith("articles/") && candidate.includes(`/${String(data.id)}-`) && candidate.endsWith(`.${String(data.locale)}.md`)
          )!
          : `${stream === "conversation_transcripts" ? "conversations" : "tickets"}/${String(data.id)}.md`;
        const { front, markdown } = split(first.get(path)!.text);
        expect(markdown, path).toBe(String(data.markdown));
        expect(front.id).toBe(String(data.id));
        expect(front.title ?? null).toBe(data.title ?? null);
        expect(markdown).not.toMatch(/<\/?[a-z][^>]*>/i);
      }

      // An edit (a tag), a new part, a deleted conversation and an edited article.
      catchUp(fake);
      const ids = records("conversations").map((c) => String(c.id));
      fake.workspace.addConversationPart(ids[1]!);
      fake.workspace.tagConversation(ids[3]!, String([...fake.workspace.records("tags")][0]!.id));
      fake.workspace.deleteRecord("conversations", ids[6]!);
      const edited = records("articles").find((article) => Object.keys(article.translated_content as Rec).length > 2)!;
      fake.workspace.updateArticle(String(edited.id));
      await settle();
      expect((await runCli(args)).exitCode).toBe(0);

      const second = files(dir);
      expect(second.has(`conversations/${ids[6]!}.md`)).toBe(false);
      const changed = [...second].filter(([path, file]) => first.get(path)?.mtime !== file.mtime || first.get(path)?.text !== file.text).map((
        [path],
      ) => path)
        .sort();
      const editedArticle = articles.filter((path) => path.includes(`/${String(edited.id)}-`));
      expect(changed).toEqual([`conversations/${ids[1]!}.md`, `conversations/${ids[3]!}.md`, ...editedArticle].sort());
      expect(split(second.get(`conversations/${ids[1]!}.md`)!.text).front.messages).toBeGreaterThan(
        Number(split(first.get(`conversations/${ids[1]!}.md`)!.text).front.messages),
      );
      expect([...second.keys()].sort()).toEqual([...first.keys()].filter((path) => path !== `conversations/${ids[6]!}.md`).sort());

      // Removed, the directory is not "up to date": the next run says so and writes every document again.
      rmSync(dir, { recursive: true });
      const rebuilt = await runCli(args.filter((arg) => arg !== "--quiet"));
      expect(rebuilt.exitCode).toBe(0);
      expect(rebuilt.stderr).toContain("holds no intercom-sync state");
      expect([...files(dir).keys()].sort()).toEqual([...second.keys()].sort());
    });
  },
  90_000,
);

test(
  "--markdown-dir writes documents only: another output or a stream it cannot hold is refused (exit 2); `state show` reads its state",
  async () => {
    await withTempDir(async (tmp) => {
      const dir = join(tmp, "docs");
      const run = (extra: string[]) => runCli(syncArgs(fake.url, join(tmp, "state.json"), ["--markdown-dir", dir, ...extra]));
      const both = await run(["--sqlite", join(tmp, "x.db")]);
      expect(both.exitCode).toBe(2);
      expect(both.stderr).toContain("--sqlite and --markdown-dir are two outputs");
      const contacts = await run(["--streams", "contacts,conversation_transcripts"]);
      expect(contacts.exitCode).toBe(2);
      expect(contacts.stderr).toContain("--markdown-dir writes documents only");
      expect(contacts.stderr).toContain("contacts");
      const singer = await run(["--format", "singer"]);
      expect(singer.exitCode).toBe(2);

      // Naming one document stream writes only its files.
      expect((await run(["--streams", "ticket_transcripts"])).exitCode).toBe(0);
      expect(readdirSync(dir).filter((name) => !name.startsWith("."))).toEqual(["tickets"]);
      const show = await runCli(["state", "show", "--markdown-dir", dir]);
      expect(show.exitCode).toBe(0);
      expect(show.stdout).toContain("ticket_transcripts");
    });
  },
  60_000,
);

test(
  "files deleted by hand: an article's is written again by the next run; a transcript's is named at the start of the next run, and --full-refresh writes it again",
  async () => {
    await withTempDir(async (tmp) => {
      const dir = join(tmp, "docs");
      const args = syncArgs(fake.url, join(tmp, "state.json"), ["--markdown-dir", dir, "--search-lag-minutes", "0"]).filter((arg) =>
        arg !== "--quiet"
      );
      expect((await runCli(args)).exitCode).toBe(0);
      const first = files(dir);
      const conversation = [...first.keys()].find((path) => path.startsWith("conversations/"))!;
      const ticket = [...first.keys()].find((path) => path.startsWith("tickets/"))!;
      const article = [...first.keys()].find((path) => path.startsWith("articles/"))!;
      for (const path of [conversation, ticket, article]) rmSync(join(dir, path));

      await settle();
      const next = await runCli(args);
      expect(next.exitCode).toBe(0);
      expect(next.stderr).toContain(`1 conversation_transcripts file is missing (${conversation})`);
      expect(next.stderr).toContain(`1 ticket_transcripts file is missing (${ticket})`);
      expect(next.stderr).toContain("--full-refresh");
      expect(readFileSync(join(dir, article), "utf8")).toBe(first.get(article)!.text);
      expect(files(dir).has(conversation)).toBe(false);

      const refreshed = await runCli([...args, "--full-refresh"]);
      expect(refreshed.exitCode).toBe(0);
      expect(refreshed.stderr).not.toContain("missing");
      expect([...files(dir).keys()].sort()).toEqual([...first.keys()].sort());
      expect(readFileSync(join(dir, conversation), "utf8")).toBe(first.get(conversation)!.text);
      const quiet = await runCli(args);
      expect(quiet.stderr).not.toContain("missing");
    });
  },
  90_000,
);
