/** The fake's Reporting Data Export, held to the 2.14/2.16 descriptions and the notes on real exports. */
import { expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { expectedReportRows, FAKE_DATASETS, reportJobStats, RETENTION_SECONDS } from "../../src/fake/reports/mod.ts";
import type { FakeOptions } from "../../src/fake/types.ts";

const DAY = 86_400;

function setup(options: FakeOptions = {}) {
  let ms = 1_000_000;
  const fake = createFakeIntercom({ wallClock: () => ms, timezone: "Europe/Paris", ...options });
  const request = (
    method: string,
    path: string,
    { body, version = "2.16", accept = "application/json" }: { body?: unknown; version?: string; accept?: string } = {},
  ) =>
    fake.handler(
      new Request(`http://127.0.0.1:9${path}`, {
        method,
        headers: { Authorization: "Bearer test-token", "Intercom-Version": version, Accept: accept, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { fake, request, advance: (d: number) => (ms += d) };
}

async function gunzipText(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  // Response.text() would drop a BOM; keep it, to see it is there.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(plain).arrayBuffer());
}

test("get_datasets lists several datasets; 2.16 adds qualified ids; 2.11 has no such endpoint", async () => {
  const { request } = setup();
  const v216 = (await (await request("GET", "/export/reporting_data/get_datasets")).json()) as any;
  expect(v216.type).toBe("list");
  expect(v216.data.map((d: any) => d.id)).toEqual([
    "conversation",
    "conversation_sla_status_log",
    "teammate_handling_conversation",
    "admin_status_change",
    "tickets",
  ]);
  const conversation = v216.data[0];
  expect(conversation.default_time_attribute_id).toBe("conversation_started_at");
  expect(conversation.attributes.filter((a: any) => a.name === "Brand").map((a: any) => a.qualified_id)).toEqual([
    "conversation.Brand",
    "people.Brand",
  ]);
  const v214 = (await (await request("GET", "/export/reporting_data/get_datasets", { version: "2.14" })).json()) as any;
  expect(v214.data[0].attributes[0]).toEqual({ id: "conversation_id", name: "Conversation ID" });
  expect((await request("GET", "/export/reporting_data/get_datasets", { version: "2.11" })).status).toBe(404);
});

test("enqueue validates as the description's examples say, and refuses a start before retention", async () => {
  const { fake, request } = setup();
  const now = fake.workspace.now;
  const enqueue = async (body: unknown, version = "2.16") => {
    const r = await request("POST", "/export/reporting_data/enqueue", { body, version });
    return { status: r.status, message: ((await r.json()) as any).errors?.[0]?.message as string | undefined };
  };
  const ok = { dataset_id: "conversation", attribute_ids: ["conversation.conversation_id"], start_time: now - DAY, end_time: now };
  expect(await enqueue({ ...ok, dataset_id: "imaginary" })).toEqual({ status: 400, message: "imaginary is not a valid dataset_id" });
  expect(await enqueue({ ...ok, attribute_ids: [] })).toEqual({ status: 400, message: "attribute_ids must contain at least one attribute_id" });
  expect(await enqueue({ ...ok, attribute_ids: ["non_existent"] })).toEqual({
    status: 400,
    message: "attribute_ids invalid for conversation dataset: non_existent",
  });
  expect((await enqueue({ ...ok, attribute_ids: ["Brand"] })).status).toBe(400); // ambiguous on 2.16
  expect((await enqueue({ ...ok, attribute_ids: ["Brand"] }, "2.14")).status).toBe(200);
  expect((await enqueue({ ...ok, start_time: now - RETENTION_SECONDS - 1 })).message).toContain("retention");
  expect((await enqueue(ok)).status).toBe(200);
});

test("at most 5 jobs pending: the 6th enqueue gets 429, a slot frees when a job completes; other tools' jobs count", async () => {
  const { fake, request, advance } = setup({ faults: { reports: { jobMs: 10_000, othersPending: 2, othersUntilMs: 1_005_000 } } });
  const now = fake.workspace.now;
  const body = { dataset_id: "tickets", attribute_ids: ["ticket.ticket_id"], start_time: now - DAY, end_time: now };
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await request("POST", "/export/reporting_data/enqueue", { body })).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
  const refused = (await (await request("POST", "/export/reporting_data/enqueue", { body })).json()) as any;
  expect(refused.errors[0]).toEqual({ code: "rate_limit_exceeded", message: "Exceeded rate limit of 5 pending reporting dataset export jobs" });
  advance(5_000); // the other tool's jobs complete
  expect((await request("POST", "/export/reporting_data/enqueue", { body })).status).toBe(200);
  expect(reportJobStats(fake.workspace)).toMatchObject({ maxPendingSeen: 5, refused: 2 });
});

test("a job is pending, then complete with a download URL; a failed job says failed; an unknown one 404", async () => {
  const { fake, request, advance } = setup({ faults: { reports: { jobMs: 3_000, failNext: 1 } } });
  const now = fake.workspace.now;
  const body = { dataset_id: "tickets", attribute_ids: ["ticket.ticket_id"], start_time: now - DAY, end_time: now };
  const failing = ((await (await request("POST", "/export/reporting_data/enqueue", { body })).json()) as any).job_identifier;
  const good = (await (await request("POST", "/export/reporting_data/enqueue", { body })).json()) as any;
  expect(good).toMatchObject({ status: "pending" });
  const status = async (id: string) => (await (await request("GET", `/export/reporting_data/${id}`)).json()) as any;
  expect((await status(good.job_identifier)).status).toBe("pending");
  expect((await request("GET", `/download/reporting_data/${good.job_identifier}`, { accept: "application/octet-stream" })).status).toBe(404);
  advance(3_000);
  const done = await status(good.job_identifier);
  expect(done.status).toBe("complete");
  expect(done.download_url).toBe(`http://127.0.0.1:9/download/reporting_data/${good.job_identifier}`);
  expect((await status(failing)).status).toBe("failed");
  expect((await request("GET", "/export/reporting_data/nope")).status).toBe(404);
});

test("the download: gzip with or without Content-Encoding, BOM, display-name headers with .1, raw ids, local times, labels in the workspace's language", async () => {
  const { fake, request } = setup({ faults: { reports: { language: "fr" } } });
  const now = fake.workspace.now;
  const dataset = FAKE_DATASETS[0]!;
  const body = { dataset_id: "conversation", attribute_ids: dataset.attributes.map((a) => a.qualifiedId), start_time: now - 7 * DAY, end_time: now };
  const texts: string[] = [];
  const encodings: (string | null)[] = [];
  for (let i = 0; i < 2; i++) {
    const job = ((await (await request("POST", "/export/reporting_data/enqueue", { body })).json()) as any).job_identifier;
    expect((await request("GET", `/download/reporting_data/${job}`)).status).toBe(406); // Accept: application/json
    const response = await request("GET", `/download/reporting_data/${job}`, { accept: "application/octet-stream" });
    expect(response.status).toBe(200);
    encodings.push(response.headers.get("Content-Encoding"));
    texts.push(await gunzipText(response));
  }
  expect(encodings).toEqual(["gzip", null]);
  expect(texts[0]).toBe(texts[1]);
  const text = texts[0]!;
  expect(text.startsWith("\uFEFFConversation ID,Conversation started at,")).toBe(true);
  const header = text.slice(1, text.indexOf("\r\n")).split(",");
  expect(header).toContain("Brand.1");
  expect(header).toContain("team_assigned_raw_id");
  expect(header).toContain('"Plan');
  expect(text).toMatch(/\r\n\d+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,(Ouverte|Fermée|En attente),/);
  expect(text).toContain('"Resolved quickly.\nCustomer confirmed, then closed."');
  const rows = expectedReportRows(fake.workspace, "conversation", now - 7 * DAY, now, { language: "fr" });
  expect(rows.length).toBeGreaterThan(50);
  // One CSV record per row: count record starts (a conversation id at a line start) rather than lines.
  expect(text.match(/\r\n3\d{8},/g)?.length).toBe(rows.length);
  // Paris is UTC+1 in winter: a row's local time is its UTC time plus an hour.
  const first = rows[0]!;
  const local = new Date((Number(first["conversation.conversation_started_at"]) + 3600) * 1000).toISOString().slice(0, 19).replace("T", " ");
  expect(text).toContain(`${first["conversation.conversation_id"]},${local},`);
});

test("a download expires", async () => {
  const { fake, request, advance } = setup({ faults: { reports: { downloadTtlMs: 1_000 } } });
  const now = fake.workspace.now;
  const body = { dataset_id: "tickets", attribute_ids: ["ticket.ticket_id"], start_time: now - DAY, end_time: now };
  const job = ((await (await request("POST", "/export/reporting_data/enqueue", { body })).json()) as any).job_identifier;
  advance(1_000);
  const expired = await request("GET", `/download/reporting_data/${job}`, { accept: "application/octet-stream" });
  expect(expired.status).toBe(404);
  expect(((await expired.json()) as any).errors[0].message).toContain("expired");
});

test("recent windows change as conversations close, and 2.16 adds conversations with no customer reply", () => {
  const fake = createFakeIntercom();
  const ws = fake.workspace;
  const start = ws.now - 3 * DAY;
  const before = expectedReportRows(ws, "conversation", start, ws.now);
  const older = expectedReportRows(ws, "conversation", start, ws.now, { version: "2.14" });
  expect(older.length).toBeLessThan(before.length);
  ws.now += 5 * DAY;
  const after = expectedReportRows(ws, "conversation", start, ws.now - 5 * DAY);
  expect(after.length).toBe(before.length);
  const closedBefore = before.filter((r) => r["conversation.time_to_close"] !== null).length;
  const closedAfter = after.filter((r) => r["conversation.time_to_close"] !== null).length;
  expect(closedAfter).toBeGreaterThan(closedBefore);
});
