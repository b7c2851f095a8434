/**
 * The Help Center's lists that take more than a line: Help Centers change shape at 2.16 here (they carry no
 * `type` for versions.ts to key on), and articles come newest first.
 */
import { helpCenter, helpCenterIn216 } from "../records/help-center.ts";
import { json } from "../respond.ts";
import type { RouteContext } from "./route.ts";
import { pageNumberedList } from "./page-numbered.ts";

export function listHelpCenters(context: RouteContext): Response {
  const { ws, version } = context;
  const data = ws.listOf("help_centers").map((record, i) => (version === "2.16" ? helpCenterIn216(record, i) : record));
  return json({ type: "list", data });
}

/** Newest updated first, as the description says. */
export function listArticles(context: RouteContext): Response {
  const articles = context.ws.listOf("articles").sort((a, b) =>
    Number(b.updated_at) - Number(a.updated_at) || String(a.id).localeCompare(String(b.id))
  );
  return pageNumberedList(context, articles);
}
