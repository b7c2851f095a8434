import { documentSchema } from "./document-schema.ts";
import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

const description =
  "Each Help Center article as markdown, one document per locale it is written in (its translations included), for people and LLMs.";

export const articleDocuments = defineStream({
  name: "article_documents",
  description,
  permission: PERMISSIONS.articles,
  primaryKey: ["id", "locale"],
  cursorField: "updated_at",
  read: { kind: "document", parent: "articles", format: "article" },
  schema: { own: documentSchema("article_documents", description, ["id", "locale"]) },
  optIn: "a rendering of articles, for search and LLMs: named when wanted",
  notes: "Rendered from the articles the run reads (no request of its own), emitted when the article changed since the " +
    "cursor, one document per translation (keyed by id and locale); an article or a translation gone since the last complete read is deleted.",
});
