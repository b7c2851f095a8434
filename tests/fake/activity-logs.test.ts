import { describe, expect, test } from "bun:test";
import { ACTIVITY_LOG_PAGE_SIZE, createFakeIntercom } from "../../src/fake/mod.ts";
import { type Body, get, ids } from "./helpers.ts";

async function followAll(fake: ReturnType<typeof createFakeIntercom>, path: string): Promise<Body[]> {
  const logs: Body[] = [];
  let next: string | null = path;
  while (next) {
    const answer = await get(fake, next);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe("activity_log.list");
    expect(answer.body.activity_logs.length).toBeLessThanOrEqual(ACTIVITY_LOG_PAGE_SIZE);
    logs.push(...answer.body.activity_logs);
    next = answer.body.pages.next;
  }
  return logs;
}

describe("GET /admins/activity_logs", () => {
  test("created_at_after is required: 400 parameter_not_found", async () => {
    const answer = await get(createFakeIntercom(), "/admins/activity_logs");
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe("parameter_not_found");
  });

  test("following pages.next (an absolute URL) reaches every log in the window exactly once, newest first", async () => {
    const fake = createFakeIntercom({ sizes: { activityLogs: 130 } });
    const all = [...fake.workspace.records("activity_logs")];
    const after = all[20]!.created_at as number;
    const before = all[110]!.created_at as number;
    const logs = await followAll(fake, `/admins/activity_logs?created_at_after=${after}&created_at_before=${before}`);
    const expected = all.filter((l) => (l.created_at as number) >= after && (l.created_at as number) <= before);
    expect(ids(logs).sort()).toEqual(ids(expected).sort());
    expect(new Set(ids(logs)).size).toBe(logs.length);
    const times = logs.map((l) => l.created_at as number);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test("the first page's next link points at the same server", async () => {
    const fake = createFakeIntercom({ sizes: { activityLogs: 50 } });
    const { body } = await get(fake, "/admins/activity_logs?created_at_after=0");
    expect(body.pages).toMatchObject({ type: "pages", page: 1, per_page: 20, total_pages: 3 });
    expect(body.pages.next).toBe("http://127.0.0.1:9/admins/activity_logs?created_at_after=0&page=2");
  });

  test("an added log is listed with created_at = now", async () => {
    const fake = createFakeIntercom({ sizes: { activityLogs: 5 } });
    fake.workspace.now += 30;
    const id = fake.workspace.addActivityLog();
    const { body } = await get(fake, `/admins/activity_logs?created_at_after=${fake.workspace.now}`);
    expect(ids(body.activity_logs)).toEqual([id]);
  });
});
