/** Calls a fake's handler directly (no sockets), with the default token unless told otherwise. */
import type { FakeIntercom } from "../../src/fake/mod.ts";

export type Body = Record<string, any>;

export interface Answer {
  status: number;
  headers: Headers;
  body: Body;
}

export async function call(
  fake: FakeIntercom,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  token: string | null = "test-token",
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: "application/json", "Intercom-Version": "2.11" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const url = path.startsWith("http") ? path : `http://127.0.0.1:9${path}`;
  const response = await fake.handler(
    new Request(url, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) }),
  );
  const text = await response.text();
  let parsed: Body;
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const get = (fake: FakeIntercom, path: string, token?: string | null) => call(fake, "GET", path, undefined, token);
export const post = (fake: FakeIntercom, path: string, body: unknown, token?: string | null) => call(fake, "POST", path, body, token);

const ARRAY_KEY = { "/contacts/search": "data", "/conversations/search": "conversations", "/tickets/search": "tickets" } as const;
export type SearchPath = keyof typeof ARRAY_KEY;

/** Follows pages.next.starting_after until the end; `between` runs after each page (to mutate the workspace). */
export async function searchAll(
  fake: FakeIntercom,
  path: SearchPath,
  request: Body,
  between?: (page: number) => void,
): Promise<Body[]> {
  const records: Body[] = [];
  let startingAfter: string | undefined;
  for (let page = 1; page < 10_000; page++) {
    const pagination = { ...(request.pagination ?? {}), ...(startingAfter ? { starting_after: startingAfter } : {}) };
    const answer = await post(fake, path, { ...request, pagination });
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    records.push(...(answer.body[ARRAY_KEY[path]] as Body[]));
    startingAfter = answer.body.pages?.next?.starting_after;
    if (!startingAfter) return records;
    between?.(page);
  }
  throw new Error("too many pages");
}

export function ids(records: Iterable<Body>): string[] {
  return [...records].map((r) => String(r.id));
}
