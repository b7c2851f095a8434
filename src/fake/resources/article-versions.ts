/**
 * The version history of each article: read with the articles' permission, from API 2.16 on, page-numbered
 * (`page`, `per_page` ≤ 50, default 25; `pages` without `next`, as the description's example); 404 for an
 * article that is not there.
 */
import type { Rec } from "../context.ts";
import { PERMISSION } from "../permissions.ts";
import { articleVersions } from "../records/article-versions.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeResource } from "./resource.ts";

function versionsOf(ws: Workspace, articleId: string): Rec[] | undefined {
  const articles = ws.listOf("articles");
  const i = articles.findIndex((article) => String(article.id) === articleId);
  return i < 0 ? undefined : articleVersions(ws.ctx, i, articles[i]!);
}

function listArticleVersions({ ws, params, url, requestId }: RouteContext): Response {
  const all = versionsOf(ws, params[0] ?? "");
  if (!all) return errorList(404, "not_found", "Resource Not Found", requestId);
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "25");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 50) {
    return errorList(400, "parameter_invalid", "page must be ≥ 1 and per_page between 1 and 50", requestId);
  }
  return json({
    type: "list",
    pages: { type: "pages", page, per_page: perPage, total_pages: Math.max(1, Math.ceil(all.length / perPage)) },
    total_count: all.length,
    data: all.slice((page - 1) * perPage, page * perPage),
  });
}

export const articleVersionsResource: FakeResource = {
  records: {
    article_versions: (ws) => ws.listOf("articles").flatMap((article) => versionsOf(ws, String(article.id)) ?? []),
  },
  routes: [{ method: "GET", path: "/articles/{id}/versions", permission: PERMISSION.articles, since: "2.16", handle: listArticleVersions }],
};
