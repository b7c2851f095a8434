/**
 * GET /contacts/{id}/tags and GET /contacts/{id}/companies: every tag or company of a contact, where the contact
 * itself shows at most 10 (`has_more`). Tags come in one answer (tag_list); companies page by `page`/`per_page`
 * with `pages.next` a URL (contact_attached_companies, whose example names the array `data`).
 */
import { ID_BASE, numericIdIndex } from "../ids.ts";
import { tag } from "../records/tags.ts";
import { json } from "../respond.ts";
import { contactOf } from "./contacts.ts";
import type { RouteContext } from "./route.ts";

export function contactTags(context: RouteContext): Response {
  const found = contactOf(context);
  if (found instanceof Response) return found;
  const { ws } = context;
  const data = ws.contactLinks(found.index).tagIds.map((id) => tag(ws.ctx, numericIdIndex(ID_BASE.tag, id)!));
  return json({ type: "list", data });
}

export function contactCompanies(context: RouteContext): Response {
  const found = contactOf(context);
  if (found instanceof Response) return found;
  const { ws, url, contactCompaniesPerPage } = context;
  const ids = ws.contactLinks(found.index).companyIds;
  const perPage = positive(url.searchParams.get("per_page")) ?? contactCompaniesPerPage;
  const page = positive(url.searchParams.get("page")) ?? 1;
  const totalPages = Math.max(1, Math.ceil(ids.length / perPage));
  const data = ids.slice((page - 1) * perPage, page * perPage).flatMap((id) => {
    const i = ws.companyIndex(id);
    const company = i === undefined ? undefined : ws.companies.current(i);
    return company ? [company] : [];
  });
  const next = page < totalPages ? new URL(`${url.pathname}?page=${page + 1}&per_page=${perPage}`, url).toString() : null;
  return json({ type: "list", data, pages: { type: "pages", next, page, per_page: perPage, total_pages: totalPages }, total_count: ids.length });
}

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
}
