/**
 * GET /macros (2.16 on): newest first by updated_at (then id), `per_page` 1–150 (default 50), `updated_since`
 * (unix seconds: only macros updated after it), and `starting_after`, the Base64 of the JSON `[updated_at, id]` of
 * the last macro of the page before; `pages.next.starting_after` names the next page, null on the last.
 */
import type { Rec } from "../context.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

const seconds = (macro: Rec) => Date.parse(String(macro.updated_at)) / 1000;

export function listMacros({ ws, url, requestId }: RouteContext): Response {
  const perPage = Number(url.searchParams.get("per_page") ?? "50");
  const since = url.searchParams.get("updated_since");
  const after = url.searchParams.get("starting_after");
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 150 || (since !== null && !/^\d+$/.test(since))) {
    return errorList(400, "parameter_invalid", "per_page must be between 1 and 150, updated_since unix seconds", requestId);
  }
  let position: [number, string] | undefined;
  if (after !== null) {
    try {
      const [at, id] = JSON.parse(atob(after)) as [unknown, unknown];
      if (typeof at !== "number" || typeof id !== "string") throw new Error("not [updated_at, id]");
      position = [at, id];
    } catch {
      return errorList(400, "parameter_invalid", "starting_after is not a cursor this endpoint gave", requestId);
    }
  }
  const newestFirst = (a: Rec, b: Rec) => seconds(b) - seconds(a) || String(b.id).localeCompare(String(a.id));
  const all = ws
    .listOf("macros")
    .filter((macro) => since === null || seconds(macro) > Number(since))
    .sort(newestFirst);
  const rest = position
    ? all.filter((macro) => seconds(macro) < position[0] || (seconds(macro) === position[0] && String(macro.id) < position[1]))
    : all;
  const page = rest.slice(0, perPage);
  const last = page[page.length - 1];
  const next = rest.length > perPage && last ? { starting_after: btoa(JSON.stringify([seconds(last), String(last.id)])) } : null;
  return json({ type: "list", data: page, pages: { type: "pages", per_page: perPage, next } });
}
