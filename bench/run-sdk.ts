/**
 * The baseline: the sequential export a JS user would write with the official SDK (`intercom-client`):
 * page the contacts search, then page the conversations search and fetch each conversation for its parts,
 * one request at a time, appending JSON lines to a file. Each stream is measured over at most `capSeconds`
 * (a full sequential run at 150 ms latency would take ~25 min); its rate is records written / time spent.
 * Usage: bun bench/run-sdk.ts '<SdkArgs as JSON>'
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { IntercomClient } from "intercom-client";
import { childArgs, report } from "./child.ts";
import { cpuMs, peakRssMb } from "./rss.ts";
import type { RunReport, StreamMeasure } from "./types.ts";

export interface SdkArgs {
  config: string;
  url: string;
  token: string;
  outPath: string;
  capSeconds: number;
}

/** Counts what goes over the wire; the SDK itself is used exactly as documented. */
class WireCounter {
  requests = 0;
  rateLimited = 0;
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    this.requests++;
    const response = await fetch(input, init);
    if (response.status === 429) this.rateLimited++;
    return response;
  };
}

async function measure(
  stream: string,
  wire: WireCounter,
  capMs: number,
  body: (timeUp: () => boolean) => Promise<{ records: number; complete: boolean }>,
): Promise<StreamMeasure> {
  const requests = wire.requests;
  const rateLimited = wire.rateLimited;
  const began = performance.now();
  const { records, complete } = await body(() => performance.now() - began >= capMs);
  return {
    stream,
    records,
    requests: wire.requests - requests,
    rateLimited: wire.rateLimited - rateLimited,
    durationMs: Math.round(performance.now() - began),
    capped: !complete,
  };
}

function writeLine(out: WriteStream, record: unknown): Promise<void> | void {
  // Respect back-pressure the way a careful script would.
  if (!out.write(`${JSON.stringify(record)}\n`)) return new Promise((resolve) => out.once("drain", () => resolve()));
}

if (import.meta.main) {
  const args = childArgs<SdkArgs>();
  const wire = new WireCounter();
  const client = new IntercomClient({ token: args.token, environment: args.url, version: "2.11", fetch: wire.fetch as typeof fetch });
  const out = createWriteStream(args.outPath);
  const capMs = args.capSeconds * 1000;
  const everything = { field: "updated_at", operator: ">" as const, value: 0 };
  const began = performance.now();

  const contacts = await measure("contacts", wire, capMs, async (timeUp) => {
    let records = 0;
    const pages = await client.contacts.search({ query: everything, pagination: { per_page: 150 } });
    for await (const contact of pages) {
      await writeLine(out, { stream: "contacts", record: contact });
      records++;
      if (timeUp()) return { records, complete: false };
    }
    return { records, complete: true };
  });

  // Conversations and their parts in one loop, as a user would write it (and as intercom-sync reads them, in
  // one pass): both streams are measured over the same time.
  let partRecords = 0;
  let partRequests = 0;
  let partRateLimited = 0;
  const conversations = await measure("conversations", wire, capMs, async (timeUp) => {
    let records = 0;
    const pages = await client.conversations.search({ query: everything, pagination: { per_page: 150 } });
    for await (const conversation of pages) {
      await writeLine(out, { stream: "conversations", record: conversation });
      records++;
      const before = { requests: wire.requests, rateLimited: wire.rateLimited };
      const full = await client.conversations.find({ conversation_id: conversation.id });
      partRequests += wire.requests - before.requests;
      partRateLimited += wire.rateLimited - before.rateLimited;
      for (const part of full.conversation_parts?.conversation_parts ?? []) {
        await writeLine(out, { stream: "conversation_parts", record: { ...part, conversation_id: conversation.id } });
        partRecords++;
      }
      if (timeUp()) return { records, complete: false };
    }
    return { records, complete: true };
  });
  const parts: StreamMeasure = {
    ...conversations,
    stream: "conversation_parts",
    records: partRecords,
    requests: partRequests,
    rateLimited: partRateLimited,
  };
  conversations.requests -= partRequests;
  conversations.rateLimited -= partRateLimited;

  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const result: RunReport = {
    config: args.config,
    streams: [contacts, conversations, parts],
    elapsedMs: Math.round(performance.now() - began),
    peakRssMb: peakRssMb(),
    cpuMs: cpuMs(),
    capSeconds: args.capSeconds,
    note: `each stream measured over at most its first ${args.capSeconds} s`,
  };
  report(result);
}
