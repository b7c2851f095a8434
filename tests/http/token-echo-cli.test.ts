/**
 * A server or proxy that echoes the request's Authorization header back in its answer: no piece of the token
 * (8 characters or more) may reach stderr, stdout or the state file, which keeps each failed stream's error text.
 * Error messages keep only the start of what a server said, so the token must be redacted before that cut.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runCli } from "../helpers/run-cli.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const TOKEN = "dG9rOjU1ZTdmMDQ4X2I0ZGFfNDVhNF85OTk3XzFkOWE4ZWQ1OTI5ZToxOjA=";

/** Every piece of the token of 8 characters that occurs in `text`. */
function tokenPieces(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 8 <= TOKEN.length; i++) {
    const piece = TOKEN.slice(i, i + 8);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

let temp: TempDir;
let dir: string;
beforeAll(() => {
  temp = tempDir();
  dir = temp.dir;
});
afterAll(() => temp.remove());

function serve(fetch: (request: Request, echoed: string) => Response) {
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) => fetch(request, request.headers.get("authorization") ?? ""),
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}

async function sync(url: string, streams: string) {
  const state = join(dir, `state-${crypto.randomUUID()}.json`);
  const run = await runCli(["sync", "--base-url", url, "--state", state, "--streams", streams, "--verbose"], {
    env: {
      INTERCOM_ACCESS_TOKEN: TOKEN,
    },
  });
  const stateText = await readFile(state, "utf8").catch(() => "");
  return { ...run, stateText };
}

describe("a token echoed by the server", () => {
  test("cut short in a non-JSON 200 answer to the first request: exit 2, and no piece of it anywhere", async () => {
    // The echo straddles the 40th character, where the message's preview of the body is cut. It lacks the token's
    // end: a body holding the whole token is refused before anything reads it (the last test).
    const server = serve(
      (_, echoed) => new Response(`${"x".repeat(20)} ${echoed.slice(0, -3)} upstream`, { headers: { "Content-Type": "text/plain" } }),
    );
    try {
      const run = await sync(server.url, "admins");
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain("not JSON");
      expect(run.stderr).toContain("[redacted]");
      expect(tokenPieces(run.stderr + run.stdout + run.stateText)).toEqual([]);
    } finally {
      server.stop();
    }
  }, 20_000);

  test("in 500 bodies and a non-JSON 200 mid-run: the streams fail after their retries, and no piece of it anywhere", async () => {
    const server = serve((request, echoed) => {
      const path = new URL(request.url).pathname;
      if (path === "/me") return Response.json({ type: "admin", id: "1" });
      if (path === "/admins") {
        // Intercom's message is kept up to 500 characters: the echo straddles that cut.
        const message = `${"y".repeat(470)} header was ${echoed}`;
        return Response.json({ type: "error.list", errors: [{ code: "server_error", message }] }, { status: 500 });
      }
      // A piece of the token (a body holding all of it stops the run at once: see the next test).
      if (path === "/tags") return new Response(`${"x".repeat(20)} ${echoed.slice(0, -3)}`, { headers: { "Content-Type": "text/html" } });
      return new Response(`<pre>${echoed}</pre>`, { status: 502, headers: { "Content-Type": "text/html" } });
    });
    try {
      const run = await sync(server.url, "admins,tags,teams");
      expect(run.exitCode).toBe(1);
      expect(run.stateText).toContain("failed after 5 attempts");
      expect(run.stderr).toContain("[redacted]");
      expect(tokenPieces(run.stderr + run.stdout + run.stateText)).toEqual([]);
    } finally {
      server.stop();
    }
  }, 45_000);

  test("in a 200 JSON answer mid-run (a misbehaving proxy): exit 2 naming it, and nothing of it in the --output file or the database", async () => {
    const server = serve((request, echoed) => {
      const path = new URL(request.url).pathname;
      if (path === "/me") return Response.json({ type: "admin", id: "1", app: { id_code: "echo1" } });
      if (path === "/admins") {
        const admin = { type: "admin", id: "7", name: "Proxy", email: "p@example.com", debug: { authorization: echoed } };
        return Response.json({ type: "admin.list", admins: [admin] });
      }
      return Response.json({ type: "list", data: [] });
    });
    try {
      for (const target of [["--output", join(dir, "echo.jsonl")], ["--sqlite", join(dir, "echo.db")]]) {
        const state = join(dir, `state-${crypto.randomUUID()}.json`);
        const run = await runCli(["sync", "--base-url", server.url, "--state", state, "--streams", "admins", ...target], {
          env: {
            INTERCOM_ACCESS_TOKEN: TOKEN,
          },
        });
        expect({ target: target[0], code: run.exitCode }).toEqual({ target: target[0], code: 2 });
        expect(run.stderr).toContain("with the access token in its body");
        expect(run.stderr).toContain("proxy");
        // The database's pages may still be in its write-ahead log.
        const read = (path: string) => readFile(path).then((bytes) => bytes.toString("latin1"), () => "");
        const written = (await read(target[1]!)) + (await read(`${target[1]}-wal`));
        const stateText = await readFile(state, "utf8").catch(() => "");
        expect(written).not.toContain('"Proxy"');
        expect(tokenPieces(run.stderr + run.stdout + stateText + written)).toEqual([]);
      }
    } finally {
      server.stop();
    }
  }, 30_000);
});
