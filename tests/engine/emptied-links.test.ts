/**
 * Through the engine: a contact whose last tag was removed gets a contact_tags deletion naming only it on the next
 * run, handed to the sink with the page; it deletes no record of its own, so the run's count of deleted records
 * (the summary's "N deleted") leaves it out.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

type Row = Record<string, unknown>;

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: 60, companies: 10, tags: 8, conversations: 5, tickets: 2, activityLogs: 2 } });
});
afterAll(() => fake.close());

test("the emptied list's deletion reaches the sink and is not counted as a deleted record", async () => {
  const store = memoryStateStore();
  const first = await syncWith(fake, ["contacts", "contact_tags"], { store });
  expect(first.result.outcome).toBe("ok");
  expect(first.sink.deletions.get("contact_tags")).toBeUndefined();

  const contact = [...fake.workspace.records("contacts")].find((record) => {
    const tags = record.tags as { data: Row[]; has_more: boolean };
    return tags.data.length > 0 && !tags.has_more;
  })!;
  fake.workspace.now += 60;
  for (const tag of (contact.tags as { data: Row[] }).data) fake.workspace.untagContact(String(contact.id), String(tag.id));
  fake.workspace.now += 1;

  const second = await syncWith(fake, ["contacts", "contact_tags"], { store });
  expect(second.result.outcome).toBe("ok");
  expect(second.sink.deletions.get("contact_tags")).toEqual([{ key: { contact_id: String(contact.id) }, deletedAt: fake.workspace.now - 1 }]);
  expect(second.result.streams.find((stream) => stream.name === "contact_tags")!.deleted).toBeUndefined();
});
