/** The engine asks the runtime for memory back every RECORDS_BETWEEN_RELEASES records written (memory-release.ts). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { memoryRelease, RECORDS_BETWEEN_RELEASES } from "../../src/engine/memory-release.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

test("a release after every 600 records, counted across pages of any size", () => {
  let releases = 0;
  const written = memoryRelease(() => releases++, 600);
  written(150);
  written(150);
  written(299);
  expect(releases).toBe(0);
  written(1);
  expect(releases).toBe(1);
  written(2000); // one large page: one release, the count starts over
  expect(releases).toBe(2);
  written(599);
  expect(releases).toBe(2);
});

const CONTACTS = 1500;
let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: CONTACTS } });
});
afterAll(() => fake.close());

test("a sync releases memory as it writes: 1,500 contacts, two releases", async () => {
  let releases = 0;
  const { sink } = await syncWith(fake, ["contacts"], { perPage: 50, releaseMemory: () => releases++ });
  expect(sink.all("contacts").length).toBe(CONTACTS);
  expect(releases).toBe(Math.floor(CONTACTS / RECORDS_BETWEEN_RELEASES));
});
