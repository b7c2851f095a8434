/**
 * Errors no retry can fix: a bad token stops the run with exit 3 and is never printed; a missing permission
 * fails only the stream that needs it, names the permission, and the run goes on (exit 4) unless --fail-fast.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { exitCodeFor } from "../../src/cli/report/run-with-progress.ts";
import { PERMISSION } from "../../src/fake/mod.ts";
import { STREAMS } from "../../src/streams/catalog.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { ALL_STREAMS, expectExactRecords, fastRetryClient, readStateStreams, SMALL_SIZES, startBrokenFake, type WrappedFake } from "./helpers.ts";
import { PermissionError } from "../../src/errors.ts";

const LIMITED = "limited-token-7f3a9c";
const BAD = "revoked-token-e41d0b77-do-not-print";

let fake: RunningFake;
const dir = tempDir();
beforeAll(async () => {
  fake = await startFake({
    sizes: SMALL_SIZES,
    tokens: { "test-token": {}, [LIMITED]: { missing: [PERMISSION.tickets] } },
    // Slow enough that the streams still running when tickets fails can be seen cancelled.
    faults: { latencyMs: 15 },
  });
});
afterAll(async () => {
  await fake.close();
  dir.remove();
});

describe("a token Intercom rejects (401)", () => {
  test("stops the run with exit 3 and a message about the token, and the token appears nowhere in the output", async () => {
    const run = await runCliInProcess([
      "sync",
      "--base-url",
      fake.url,
      "--token",
      BAD,
      "--sqlite",
      dir.file("bad.db"),
      "--state",
      dir.file("bad.json"),
      "--verbose",
    ]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain("invalid or revoked");
    expect(run.stdout).not.toContain(BAD);
    expect(run.stderr).not.toContain(BAD);
    expect(run.stderr).not.toContain("do-not-print");
  });
});

describe("a token without the Read tickets permission (403 on tickets, ticket_types and ticket_states; ticket_parts fail with tickets)", () => {
  const needTickets: string[] = STREAMS.filter((stream) => stream.permission === PERMISSION.tickets).map((stream) => stream.name);
  const others = ALL_STREAMS.filter((stream) => !needTickets.includes(stream));

  test("fails the streams that need it, naming the permission, and the other streams export exactly", async () => {
    expect(needTickets.sort()).toEqual(["ticket_linked_objects", "ticket_parts", "ticket_states", "ticket_transcripts", "ticket_types", "tickets"]);
    const { result, sink } = await syncWith(fake, undefined, { client: fastRetryClient(fake, { token: LIMITED }) });
    expect(result.outcome).toBe("partial");
    expect(result.fatal).toBeUndefined();
    const tickets = result.streams.find((stream) => stream.name === "tickets")!;
    expect(tickets.outcome).toBe("failed");
    expect(tickets.error).toBeInstanceOf(PermissionError);
    expect(tickets.error?.message).toContain(PERMISSION.tickets);
    expect(result.streams.find((stream) => stream.name === "ticket_parts")!.outcome).toBe("failed");
    expect(result.streams.find((stream) => stream.name === "ticket_types")?.error).toBeInstanceOf(PermissionError);
    expect(result.streams.filter((stream) => stream.outcome === "ok").map((stream) => stream.name).sort()).toEqual([...others].sort());
    expectExactRecords(fake, sink, others);
    expect(exitCodeFor(result)).toBe(4);
  });

  test("the CLI exits 4, names the permission on stderr, and saves state for the other streams", async () => {
    const run = await runCliInProcess([
      "sync",
      "--base-url",
      fake.url,
      "--token",
      LIMITED,
      "--sqlite",
      dir.file("partial.db"),
      "--state",
      dir.file("partial.json"),
    ]);
    expect(run.exitCode).toBe(4);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`"${PERMISSION.tickets}"`);
    expect(run.stderr).not.toContain(LIMITED);
    const state = readStateStreams(dir.file("partial.json"));
    expect(state.tickets?.outcome).toBe("failed");
    expect(state.tickets?.cursor).toBeUndefined();
    for (const stream of others) expect({ stream, outcome: state[stream]?.outcome }).toEqual({ stream, outcome: "ok" });
  });

  test("with --fail-fast the run stops at the 403: the streams still running are cancelled, the exit code is non-zero", async () => {
    const { result } = await syncWith(fake, undefined, { client: fastRetryClient(fake, { token: LIMITED }), failFast: true });
    expect(result.fatal).toBeInstanceOf(PermissionError);
    expect(result.outcome).toBe("failed");
    expect(exitCodeFor(result)).not.toBe(0);
    const byOutcome = (outcome: string) => result.streams.filter((stream) => stream.outcome === outcome).map((stream) => stream.name);
    // The first 403 stops the run: ticket_types alone, or the tickets pass (tickets with its children).
    expect([["ticket_types"], ["ticket_linked_objects", "ticket_parts", "tickets"]]).toContainEqual(byOutcome("failed").sort());
    // Conversation parts need a request per conversation, so they cannot have finished before the 403.
    expect(byOutcome("cancelled")).toContain("conversation_parts");
  });
});

describe("--fail-fast while the company scroll waits for another client", () => {
  let held: WrappedFake;
  let scrollOpens = 0;
  let reopened: () => void;
  const secondOpen = new Promise<"kept waiting">((resolve) => (reopened = () => resolve("kept waiting")));
  beforeAll(async () => {
    held = await startBrokenFake(
      { sizes: SMALL_SIZES, tokens: { [LIMITED]: { missing: [PERMISSION.tickets] } }, faults: { scrollHeldUntilMs: Date.now() + 600_000 } },
      (_request, url) => {
        if (url.pathname === "/companies/scroll" && !url.searchParams.has("scroll_param") && ++scrollOpens === 2) reopened();
        return undefined;
      },
    );
  });
  afterAll(() => held.close());

  test("the 403 on tickets ends the run with a non-zero exit instead of polling the scroll again", async () => {
    const running = runCliInProcess([
      "sync",
      "--base-url",
      held.url,
      "--token",
      LIMITED,
      "--sqlite",
      dir.file("held.db"),
      "--state",
      dir.file("held.json"),
      "--fail-fast",
    ]);
    const first = await Promise.race([running, secondOpen]);
    if (first === "kept waiting") {
      // Let the scroll open so the run can end before this file does.
      held.faults.scrollHeldUntilMs = undefined;
      await running;
    }
    // The scroll's first refusal comes long before its next poll, and the 403 in between cancels the wait.
    expect(first).not.toBe("kept waiting");
    expect(scrollOpens).toBe(1);
    const run = await running;
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain(PERMISSION.tickets);
    const state = readStateStreams(dir.file("held.json"));
    expect(state.tickets?.outcome).toBe("failed");
    expect(state.companies?.outcome).not.toBe("ok");
  });
});
