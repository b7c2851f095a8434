/**
 * A Help Center article as a markdown document: a metadata header like a transcript's, then the article's body in
 * its default locale. Its translations are in `translated_content` of the articles stream.
 */
import type { JsonRecord } from "../../streams/types.ts";
import { htmlToMarkdown } from "./html-markdown.ts";
import { type DocumentRecord, utc } from "./transcript.ts";

export function renderArticle(article: JsonRecord): DocumentRecord {
  const id = String(article.id);
  const title = typeof article.title === "string" && article.title !== "" ? article.title : null;
  const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  const locale = typeof article.default_locale === "string" ? article.default_locale : null;
  const url = typeof article.url === "string" ? article.url : null;
  const parents = Array.isArray(article.parent_ids) ? article.parent_ids.map(String) : article.parent_id != null ? [String(article.parent_id)] : [];
  const header = [
    `# ${title ?? `Article ${id}`}`,
    "",
    `- id: ${id}`,
    `- state: ${typeof article.state === "string" ? article.state : "—"}`,
    `- locale: ${locale ?? "—"}`,
    `- created: ${utc(num(article.created_at))}`,
    `- updated: ${utc(num(article.updated_at))}`,
    `- collections: ${parents.length > 0 ? parents.join(", ") : "—"}`,
    `- url: ${url ?? "—"}`,
  ];
  const description = typeof article.description === "string" && article.description !== "" ? [`> ${article.description}`] : [];
  const body = htmlToMarkdown(typeof article.body === "string" ? article.body : "");
  const markdown = [header.join("\n"), [...description, body].filter((text) => text !== "").join("\n\n")].join("\n\n---\n\n") + "\n";
  return {
    id,
    title,
    markdown,
    url,
    created_at: num(article.created_at),
    updated_at: num(article.updated_at),
    state: typeof article.state === "string" ? article.state : null,
    locale,
    messages: 1,
    truncated: false,
  };
}
