/**
 * The usual first-run mistakes, through the real CLI: each ends in seconds with exit 2 and one message naming the
 * URL and the setting to fix, instead of five retries and "Intercom or the network kept failing".
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { ROOT } from "../helpers/paths.ts";
import { type CliResult, runCli } from "../helpers/run-cli.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const TOKEN = "test-token";
const CERT = join(ROOT, "tests/fixtures/tls/self-signed.cert.pem");
const KEY = join(ROOT, "tests/fixtures/tls/self-signed.key.pem");
/** Loose: the point is "seconds, not 5 attempts"; the machine is shared and slow. */
const FAST_MS = 10_000;
const ADDRESS_SETTINGS = ["--base-url", "INTERCOM_BASE_URL", "--region"];

let temp: TempDir;
let dir: string;
beforeAll(() => {
  temp = tempDir();
  dir = temp.dir;
});
afterAll(() => temp.remove());

interface TimedRun extends CliResult {
  elapsedMs: number;
}

/** `sync` of the admins stream; the token comes from INTERCOM_ACCESS_TOKEN unless `env` sets another. */
async function sync(baseUrl: string, extra: string[] = [], env: Record<string, string> = {}): Promise<TimedRun> {
  const state = join(dir, `state-${crypto.randomUUID()}.json`);
  const started = performance.now();
  const run = await runCli(["sync", "--base-url", baseUrl, "--state", state, "--streams", "admins", "--quiet", ...extra], {
    env: {
      INTERCOM_ACCESS_TOKEN: TOKEN,
      ...env,
    },
  });
  return { ...run, elapsedMs: performance.now() - started };
}

/** Serves `fetch` on 127.0.0.1 (with TLS when asked), counting requests. */
function serve(fetch: (request: Request) => Response | Promise<Response>, tls = false) {
  let requests = 0;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    ...(tls ? { tls: { cert: Bun.file(CERT), key: Bun.file(KEY) } } : {}),
    fetch: (request) => {
      requests++;
      return fetch(request);
    },
  });
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${server.port}`,
    requests: () => requests,
    stop: () => server.stop(true),
  };
}

function expectConfigError(run: TimedRun, url: string, settings: string[]): void {
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(url);
  for (const setting of settings) expect(run.stderr).toContain(setting);
  expect(run.stderr).not.toContain("kept failing");
  expect(run.elapsedMs).toBeLessThan(FAST_MS);
}

describe("the run's first request fails fast on a configuration mistake", () => {
  test("connection refused names the URL and where the address comes from", async () => {
    const run = await sync("http://127.0.0.1:1");
    expectConfigError(run, "http://127.0.0.1:1/me", ADDRESS_SETTINGS);
    expect(run.stderr).toContain("nothing accepted the connection");
  }, 20_000);

  test("a self-signed certificate points at the address and NODE_EXTRA_CA_CERTS", async () => {
    const server = serve(() => Response.json({ type: "admin" }), true);
    try {
      const run = await sync(server.url);
      expectConfigError(run, `${server.url}/me`, [...ADDRESS_SETTINGS, "NODE_EXTRA_CA_CERTS"]);
      expect(run.stderr).toContain("certificate");
    } finally {
      server.stop();
    }
  }, 20_000);

  test("with NODE_EXTRA_CA_CERTS naming that certificate, the same server is trusted and the run succeeds", async () => {
    const fake = createFakeIntercom({ sizes: { admins: 3 } });
    const server = serve((request) => fake.handler(request), true);
    try {
      const run = await sync(server.url, [], { NODE_EXTRA_CA_CERTS: CERT });
      expect(run.stderr).toBe("");
      expect(run.exitCode).toBe(0);
      expect(run.stdout.trim().split("\n").length).toBeGreaterThan(0);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("an nginx page answering 200 is not Intercom", async () => {
    const page = "<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>";
    const server = serve(() => new Response(page, { headers: { "Content-Type": "text/html" } }));
    try {
      const run = await sync(server.url);
      expectConfigError(run, `${server.url}/me`, ADDRESS_SETTINGS);
      expect(run.stderr).toContain("text/html");
      expect(run.stderr).toContain("not Intercom's API");
      expect(server.requests()).toBe(1);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("a 404 on GET /me says there is no Intercom API there, not that a record was deleted", async () => {
    const server = serve(() => Response.json({ type: "error.list", errors: [{ code: "not_found", message: "Not Found" }] }, { status: 404 }));
    try {
      const run = await sync(server.url);
      expectConfigError(run, `${server.url}/me`, ADDRESS_SETTINGS);
      expect(run.stderr).toContain("no Intercom API at this address");
      expect(run.stderr).not.toContain("deleted");
    } finally {
      server.stop();
    }
  }, 20_000);

  test("a server that never answers fails after one --request-timeout, which the message names", async () => {
    const server = serve(() => new Promise<Response>(() => {}));
    try {
      const run = await sync(server.url, ["--request-timeout", "1"]);
      expectConfigError(run, `${server.url}/me`, ["--request-timeout", ...ADDRESS_SETTINGS]);
      expect(run.stderr).toContain("no answer within 1 s");
      expect(server.requests()).toBe(1);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("a token with an embedded line break is refused before any request, without showing the token", async () => {
    const server = serve(() => Response.json({ type: "admin" }));
    try {
      const broken = "dG9rOmFiY2Rl\nZmdoaWprbG1u";
      const ways: { args: string[]; env: Record<string, string> }[] = [
        { args: ["--token", broken], env: {} },
        { args: [], env: { INTERCOM_ACCESS_TOKEN: broken } },
      ];
      for (const how of ways) {
        const run = await sync(server.url, how.args, how.env);
        expectConfigError(run, "INTERCOM_ACCESS_TOKEN", ["line break", "--token"]);
        expect(run.stderr).not.toContain("dG9rOmFi");
        expect(run.stderr).not.toContain("ZmdoaWpr");
      }
      expect(server.requests()).toBe(0);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("an --intercom-version with a line break is refused before any request", async () => {
    const server = serve(() => Response.json({ type: "admin" }));
    try {
      // Not one of the versions whose schemas ship: refused by the flag's parser, listing them.
      const run = await sync(server.url, ["--intercom-version", "2.11\nX"]);
      expectConfigError(run, "--intercom-version", ["2.11, 2.14, 2.16"]);
      expect(server.requests()).toBe(0);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("a 400 on GET /me (a version the server does not take) points at --intercom-version", async () => {
    const body = { type: "error.list", errors: [{ code: "intercom_version_invalid", message: "Requested version is not valid" }] };
    const server = serve(() => Response.json(body, { status: 400 }));
    try {
      const run = await sync(server.url, ["--intercom-version", "2.16"]);
      expectConfigError(run, `${server.url}/me`, ["--intercom-version", "intercom_version_invalid"]);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("check fails the same way, with exit 2 and no table", async () => {
    const started = performance.now();
    const run = await runCli(["check", "--base-url", "http://127.0.0.1:1", "--streams", "admins,tags"], { env: { INTERCOM_ACCESS_TOKEN: TOKEN } });
    expectConfigError({ ...run, elapsedMs: performance.now() - started }, "http://127.0.0.1:1/me", ADDRESS_SETTINGS);
    expect(run.stdout).toBe("");
  }, 20_000);
});

describe("plain http", () => {
  test("to another machine is refused before any request unless --allow-insecure-http is given", async () => {
    const run = await sync("http://intercom-proxy.example:8080");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("http://intercom-proxy.example:8080");
    expect(run.stderr).toContain("--allow-insecure-http");
    expect(run.stderr).toContain("unencrypted");
  }, 20_000);

  test("--allow-insecure-http is accepted by sync and check", async () => {
    // To loopback the flag changes nothing; the refused connection shows it was parsed and the run got that far.
    const run = await sync("http://127.0.0.1:1", ["--allow-insecure-http"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("nothing accepted the connection");
    const check = await runCli(["check", "--allow-insecure-http", "--base-url", "http://127.0.0.1:1"], { env: { INTERCOM_ACCESS_TOKEN: TOKEN } });
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toContain("nothing accepted the connection");
  }, 20_000);
});
