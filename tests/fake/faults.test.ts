import { describe, expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";

async function answers(fake: ReturnType<typeof createFakeIntercom>, n: number) {
  const result: { status: number; type: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fake.handler(new Request("http://127.0.0.1:9/teams", { headers: { Authorization: "Bearer test-token" } }));
    result.push({ status: response.status, type: response.headers.get("Content-Type") ?? "", text: await response.text() });
  }
  return result;
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("injected faults", () => {
  test("server errors are 500/502/503 with an error.list or an HTML page, at roughly the configured rate", async () => {
    const fake = createFakeIntercom({ faults: { serverErrorRate: 0.3 } });
    const all = await answers(fake, 200);
    const failed = all.filter((a) => a.status !== 200);
    expect(failed.length).toBeGreaterThan(30);
    expect(failed.length).toBeLessThan(90);
    for (const a of failed) {
      expect([500, 502, 503]).toContain(a.status);
      if (a.type.startsWith("application/json")) expect(JSON.parse(a.text).type).toBe("error.list");
      else expect(a.text).toContain("<html>");
    }
    expect(fake.stats.injectedFaults).toBe(failed.length);
  });

  test("truncated answers are 200 with a JSON body cut short", async () => {
    const fake = createFakeIntercom({ faults: { truncatedRate: 1 } });
    const [a] = await answers(fake, 1);
    expect(a!.status).toBe(200);
    expect(parses(a!.text)).toBe(false);
  });

  test("HTML error pages come with a gateway status and text/html", async () => {
    const fake = createFakeIntercom({ faults: { htmlRate: 1 } });
    const [a] = await answers(fake, 1);
    expect([502, 503, 504]).toContain(a!.status);
    expect(a!.type).toStartWith("text/html");
  });

  test("the same fault seed gives the same faults; faults can be switched off at run time", async () => {
    const make = () => createFakeIntercom({ faultSeed: 42, faults: { serverErrorRate: 0.2, truncatedRate: 0.2 } });
    const a = (await answers(make(), 50)).map((x) => x.status + x.text.length);
    const b = (await answers(make(), 50)).map((x) => x.status + x.text.length);
    expect(a).toEqual(b);
    const fake = make();
    fake.faults.serverErrorRate = 0;
    fake.faults.truncatedRate = 0;
    expect((await answers(fake, 30)).every((x) => x.status === 200 && parses(x.text))).toBe(true);
  });

  test("latency delays the answer", async () => {
    const fake = createFakeIntercom({ faults: { latencyMs: 30 } });
    const started = performance.now();
    await answers(fake, 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});
