/**
 * The HTTP floor: what receiving the zero-latency run's answers costs this process before any record is parsed or
 * written. It asks the fake for what the tool asks (every contacts and conversations search page, 150 a page, then
 * each conversation for its parts, 32 at a time) and reads every body as text. The search pages are parsed too,
 * to follow their cursors; that parse is timed apart and left out, since the ceiling already counts it. The
 * ceiling leaves HTTP out by design, so ceiling / (ceiling + floor) is the best share of it any exporter that
 * talks HTTP can reach per CPU second.
 * Usage: bun bench/http-floor.ts '<HttpFloorArgs as JSON>'
 */
import { childArgs, report } from "./child.ts";

export interface HttpFloorArgs {
  url: string;
  token: string;
  concurrency: number;
}

export interface HttpFloorReport {
  requests: number;
  /** CPU (user + system, every thread) for the requests and reading their bodies, the search pages' parse left out. */
  httpCpuMs: number;
  /** CPU spent parsing the search pages, timed apart. */
  parseCpuMs: number;
  wallMs: number;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

if (import.meta.main) {
  const args = childArgs<HttpFloorArgs>();
  const headers = { Authorization: `Bearer ${args.token}`, Accept: "application/json", "Intercom-Version": "2.11" };
  let requests = 0;
  let parseCpuMs = 0;
  const parse = (text: string): Record<string, unknown> => {
    const began = process.cpuUsage();
    const body = JSON.parse(text) as Record<string, unknown>;
    parseCpuMs += cpuMs(process.cpuUsage(began));
    return body;
  };
  const text = async (path: string, init: RequestInit = {}) => {
    requests++;
    const response = await fetch(`${args.url}${path}`, {
      ...init,
      headers: { ...headers, ...(init.body ? { "Content-Type": "application/json" } : {}) },
    });
    if (!response.ok) throw new Error(`fake answered ${response.status} for ${path}`);
    return response.text();
  };
  /** Every page of a search, oldest first; returns the records' ids. */
  const search = async (path: string, key: string): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const body = parse(
        await text(path, {
          method: "POST",
          body: JSON.stringify({
            query: { field: "updated_at", operator: "<", value: 4_000_000_000 },
            pagination: { per_page: 150, ...(after ? { starting_after: after } : {}) },
            sort: { field: "updated_at", order: "ascending" },
          }),
        }),
      );
      for (const record of (body[key] as { id: unknown }[] | undefined) ?? []) ids.push(String(record.id));
      after = (body.pages as { next?: { starting_after?: string } } | undefined)?.next?.starting_after;
    } while (after);
    return ids;
  };

  const cpu = process.cpuUsage();
  const began = performance.now();
  await search("/contacts/search", "data");
  const conversations = await search("/conversations/search", "conversations");
  let next = 0;
  await Promise.all(
    Array.from({ length: args.concurrency }, async () => {
      while (next < conversations.length) await text(`/conversations/${conversations[next++]}`);
    }),
  );
  const out: HttpFloorReport = {
    requests,
    httpCpuMs: Math.round(cpuMs(process.cpuUsage(cpu)) - parseCpuMs),
    parseCpuMs: Math.round(parseCpuMs),
    wallMs: Math.round(performance.now() - began),
  };
  report(out);
}
