/**
 * A saved cursor later than Intercom's clock (a state written by a machine whose clock ran ahead, or edited) reads
 * nothing until Intercom's clock passes it: the run still succeeds, but says so once per stream, naming the state
 * and how to reset it.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { memoryStateStore, type StateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

const DAY = 86_400;
let fake: RunningFake;
let store: StateStore;
beforeEach(async () => {
  // Intercom's clock is the workspace's (the Date header), as the engine's clock in the harness is.
  fake = await startFake({ dateHeader: "workspace", sizes: { contacts: 20, conversations: 6, tickets: 3, companies: 5, maxParts: 2 } });
  store = memoryStateStore();
});
afterEach(() => fake.close());

const stateLocation = { name: "the state file s.json", flags: "--state s.json" };

test("a cursor later than Intercom's clock: one warning naming the stream, the state and the fix; the run succeeds", async () => {
  await syncWith(fake, ["contacts", "conversations", "tags"], { store });
  const future = fake.workspace.now + 2 * DAY;
  store.update("contacts", { cursor: future });
  store.update("conversations", { deletedCursor: future });
  const { result } = await syncWith(fake, ["contacts", "conversations", "tags"], { store, stateLocation });
  expect(result.outcome).toBe("ok");
  const warnings = Object.fromEntries(result.streams.map((stream) => [stream.name, stream.warnings]));
  expect(warnings.contacts).toHaveLength(1);
  expect(warnings.contacts![0]).toContain(new Date(future * 1000).toISOString().replace(".000Z", "Z"));
  expect(warnings.contacts![0]).toContain("the state file s.json");
  expect(warnings.contacts![0]).toContain("intercom-sync state reset --streams contacts --state s.json");
  expect(warnings.contacts![0]).toContain("--full-refresh");
  expect(warnings.conversations).toHaveLength(1);
  expect(warnings.conversations![0]).toContain("intercom-sync state reset --streams conversations --state s.json");
  expect(warnings.tags).toEqual([]);
});

test("cursors at or before Intercom's clock, and any cursor under --full-refresh, say nothing", async () => {
  await syncWith(fake, ["contacts", "conversations"], { store });
  fake.workspace.now += 60;
  const again = await syncWith(fake, ["contacts", "conversations"], { store, stateLocation });
  expect(again.result.streams.flatMap((stream) => stream.warnings)).toEqual([]);
  store.update("contacts", { cursor: fake.workspace.now + DAY });
  const full = await syncWith(fake, ["contacts"], { store, stateLocation, fullRefresh: true });
  expect(full.result.streams.flatMap((stream) => stream.warnings)).toEqual([]);
});

test("without a state location (Airbyte, Singer, library use) the warning names no command of the CLI", async () => {
  await syncWith(fake, ["contacts"], { store });
  store.update("contacts", { cursor: fake.workspace.now + DAY });
  const { result } = await syncWith(fake, ["contacts"], { store });
  const [warning] = result.streams[0]!.warnings;
  expect(warning).toContain("later than Intercom's clock");
  expect(warning).toContain("resetting this stream's saved state, or with a full refresh");
  expect(warning).not.toContain("intercom-sync state reset");
});
