import { expect, test } from "bun:test";
import { startFakeIntercom } from "../../src/fake/mod.ts";

test("startFakeIntercom serves the handler on 127.0.0.1 with a free port", async () => {
  const fake = await startFakeIntercom({ sizes: { contacts: 10 } });
  try {
    expect(fake.url).toStartWith("http://127.0.0.1:");
    const response = await fetch(`${fake.url}/me`, { headers: { Authorization: "Bearer test-token" } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe("admin");
    expect(fake.stats.byRoute["GET /me"]).toBe(1);
  } finally {
    await fake.close();
  }
});
