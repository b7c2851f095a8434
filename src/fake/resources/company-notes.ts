/**
 * Notes about each company: read with the contacts' and companies' permission, from API 2.16 on. GET
 * /companies/{id}/notes answers one page (`pages.next` null), as the description's example; 404 for a company
 * that is not there.
 */
import type { Rec } from "../context.ts";
import { PERMISSION } from "../permissions.ts";
import { companyNotes } from "../records/company-notes.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeResource } from "./resource.ts";

function notesOf(ws: Workspace, i: number, company: Rec): Rec[] {
  return companyNotes(ws.ctx, i, String(company.id), Number(company.created_at));
}

function* rows(ws: Workspace): Generator<Rec> {
  for (let i = 0; i < ws.ctx.sizes.companies; i++) {
    const company = ws.companies.current(i);
    if (company) { for (const note of notesOf(ws, i, company)) yield { ...note, company_id: company.id }; }
  }
}

function listCompanyNotes({ ws, params, requestId }: RouteContext): Response {
  const i = ws.companyIndex(params[0] ?? "");
  const company = i === undefined ? undefined : ws.companies.current(i);
  if (i === undefined || !company) return errorList(404, "company_not_found", "Company Not Found", requestId);
  const notes = notesOf(ws, i, company);
  return json({ type: "list", data: notes, total_count: notes.length, pages: { type: "pages", next: null, page: 1, per_page: 50, total_pages: 1 } });
}

export const companyNotesResource: FakeResource = {
  records: { company_notes: rows },
  routes: [{ method: "GET", path: "/companies/{id}/notes", permission: PERMISSION.users, since: "2.16", handle: listCompanyNotes }],
};
