/**
 * The version history of article i (API 2.16), newest first: one to three versions, the first created with the
 * article, each later one a day after the one before it, the newest in the article's state. Modelled on the
 * article_version_summary example of the description; derived from the article record and the seed only.
 */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";

const DAY = 86_400;

/** Four slots per article. */
export function articleVersions(ctx: GenContext, i: number, article: Rec): Rec[] {
  const count = 1 + (hash(ctx.seed, KIND.articleVersion, i) % 3);
  const createdAt = Number(article.created_at);
  const versions: Rec[] = [];
  for (let k = 0; k < count; k++) {
    const newest = k === count - 1;
    versions.push({
      type: "article_version",
      id: numericId(ID_BASE.articleVersion, i * 4 + k),
      article_id: String(article.id),
      title: newest ? article.title : `${String(article.title)} (draft ${k + 1})`,
      description: "",
      author_id: String(article.author_id),
      created_by_id: String(article.author_id),
      created_via: k === 0 ? "web" : "api",
      from_version_id: k === 0 ? null : numericId(ID_BASE.articleVersion, i * 4 + k - 1),
      state: newest ? article.state : "draft",
      created_at: createdAt + k * DAY,
    });
  }
  return versions.reverse();
}
