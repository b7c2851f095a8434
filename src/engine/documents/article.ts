/**
 * A Help Center article as markdown documents, one per locale it is written in: a metadata header like a
 * transcript's, then the article's body in that locale. Intercom sends an article's translations inside the one
 * record (`translated_content`, keyed by locale); each becomes its own document, keyed by (id, locale), so a
 * search index holds every language and a removed translation is deleted on its own.
 */
import type { JsonRecord } from "../../streams/types.ts";
import { htmlToMarkdown } from "./html-markdown.ts";
import { type DocumentRecord, utc } from "./transcript.ts";

/** One locale's words of an article: the translation's fields where it has them, else the record's own. */
interface ArticleText {
  locale: string | null;
  title: unknown;
  description: unknown;
  body: unknown;
  state: unknown;
  url: unknown;
  updated_at: unknown;
}

export function renderArticle(article: JsonRecord): DocumentRecord[] {
  return articleTexts(article).map((text) => renderLocale(article, text));
}

/** The (id, locale) keys of an article's documents: what renderArticle makes, without rendering. */
export function articleDocumentKeys(article: JsonRecord): { id: string; locale: string | null }[] {
  return articleTexts(article).map((text) => ({ id: String(article.id), locale: text.locale }));
}

/** The default locale first, then the other translations in the order Intercom lists them. */
function articleTexts(article: JsonRecord): ArticleText[] {
  const own: ArticleText = {
    locale: typeof article.default_locale === "string" ? article.default_locale : null,
    title: article.title,
    description: article.description,
    body: article.body,
    state: article.state,
    url: article.url,
    updated_at: article.updated_at,
  };
  const translated = article.translated_content;
  if (translated === null || typeof translated !== "object" || Array.isArray(translated)) return [own];
  const texts = Object.entries(translated as JsonRecord)
    .filter(([locale, content]) => locale !== "type" && content !== null && typeof content === "object" && !Array.isArray(content))
    .map(([locale, content]): ArticleText => {
      const fields = content as JsonRecord;
      // The default locale's words are the record's own; a translation's missing field falls back to them.
      const pick = (field: keyof Omit<ArticleText, "locale">) => (fields[field] ?? (locale === own.locale ? own[field] : null));
      return {
        locale,
        title: pick("title"),
        description: pick("description"),
        body: pick("body"),
        state: pick("state"),
        url: locale === own.locale ? own.url ?? fields.url : fields.url,
        updated_at: fields.updated_at ?? own.updated_at,
      };
    });
  if (!texts.some((text) => text.locale === own.locale)) texts.unshift(own);
  return texts.sort((a, b) => Number(b.locale === own.locale) - Number(a.locale === own.locale));
}

function renderLocale(article: JsonRecord, text: ArticleText): DocumentRecord {
  const id = String(article.id);
  const title = typeof text.title === "string" && text.title !== "" ? text.title : null;
  const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  const url = typeof text.url === "string" ? text.url : null;
  const state = typeof text.state === "string" ? text.state : null;
  const parents = Array.isArray(article.parent_ids) ? article.parent_ids.map(String) : article.parent_id != null ? [String(article.parent_id)] : [];
  const header = [
    `# ${title ?? `Article ${id}`}`,
    "",
    `- id: ${id}`,
    `- state: ${state ?? "—"}`,
    `- locale: ${text.locale ?? "—"}`,
    `- created: ${utc(num(article.created_at))}`,
    `- updated: ${utc(num(text.updated_at))}`,
    `- collections: ${parents.length > 0 ? parents.join(", ") : "—"}`,
    `- url: ${url ?? "—"}`,
  ];
  const description = typeof text.description === "string" && text.description !== "" ? [`> ${text.description}`] : [];
  const body = htmlToMarkdown(typeof text.body === "string" ? text.body : "");
  const markdown = [header.join("\n"), [...description, body].filter((part) => part !== "").join("\n\n")].join("\n\n---\n\n") + "\n";
  return {
    id,
    title,
    markdown,
    url,
    created_at: num(article.created_at),
    // The article's, not the translation's: the document's cursor is its source record's.
    updated_at: num(article.updated_at),
    state,
    locale: text.locale,
    collection_ids: parents,
    messages: 1,
    truncated: false,
  };
}
