/**
 * Injected failures, decided per request by a seeded hash of the request number so a run is repeatable:
 * 5xx answers (error.list or a gateway's HTML), HTML error pages, and 200s whose JSON is cut short; and, decided
 * by the request itself, gateway errors for search pages bigger than the fake can "build in time".
 */
import { hash, KIND } from "./hash.ts";
import { errorList } from "./respond.ts";
import type { Faults } from "./types.ts";

export type FaultKind = "server-error" | "html" | "truncated";

export const NO_FAULTS: Faults = { latencyMs: 0, serverErrorRate: 0, truncatedRate: 0, htmlRate: 0 };

export function pickFault(faults: Faults, faultSeed: number, requestNumber: number): FaultKind | undefined {
  const roll = hash(faultSeed, KIND.fault, requestNumber) / 4294967296;
  let edge = faults.serverErrorRate;
  if (roll < edge) return "server-error";
  edge += faults.htmlRate;
  if (roll < edge) return "html";
  edge += faults.truncatedRate;
  if (roll < edge) return "truncated";
  return undefined;
}

export function htmlPage(status: number): Response {
  const title = status === 504 ? "504 Gateway Time-out" : status === 503 ? "503 Service Unavailable" : "502 Bad Gateway";
  return new Response(
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`,
    {
      status,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    },
  );
}

export function serverError(faultSeed: number, requestNumber: number, requestId: string): Response {
  const h = hash(faultSeed, KIND.fault, requestNumber, 1);
  const status = [500, 502, 503][h % 3] as number;
  if ((h >>> 8) % 3 === 0) return htmlPage(status);
  const code = status === 503 ? "service_unavailable" : "server_error";
  return errorList(status, code, status === 503 ? "Service Unavailable" : "Server Error", requestId);
}

export function gatewayPage(faultSeed: number, requestNumber: number): Response {
  return htmlPage([502, 503, 504][hash(faultSeed, KIND.fault, requestNumber, 2) % 3] as number);
}

/**
 * A search request asking for more than `faults.searchGatewayErrorAbovePerPage` records per page: a gateway's
 * 502 or 504 page (which one, by the request number), as Intercom's proxy answers when the search times out.
 */
export function searchPageTooBig(faults: Faults, routeName: string, body: unknown, faultSeed: number, requestNumber: number): Response | undefined {
  const limit = faults.searchGatewayErrorAbovePerPage;
  if (limit === undefined || !routeName.endsWith("/search")) return undefined;
  const perPage = (body as { pagination?: { per_page?: unknown } } | null)?.pagination?.per_page;
  if (typeof perPage !== "number" || perPage <= limit) return undefined;
  return htmlPage(hash(faultSeed, KIND.fault, requestNumber, 3) % 2 === 0 ? 502 : 504);
}

/** The real answer with its body cut in half: status 200, invalid JSON. */
export async function truncated(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200, headers });
}
