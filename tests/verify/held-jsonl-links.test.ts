/**
 * The live link rows of a JSON lines file, as verify counts them: a deletion naming only a parent (its list of
 * links emptied) deletes the rows of that parent written before it, not those after; a deleted tag or company
 * deletes the link rows naming it, also when verify is not asked about tags.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { heldInJsonl } from "../../src/verify/held-jsonl.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

let temp: TempDir;
let dir: string;
beforeEach(() => {
  temp = tempDir();
  dir = temp.dir;
});
afterEach(() => temp.remove());

const record = (stream: string, data: Record<string, unknown>) => JSON.stringify({ stream, data });
const deletion = (stream: string, deleted: Record<string, unknown>) => JSON.stringify({ stream, deleted });
const tagLink = (contact: string, tag: string, at: number) =>
  record("contact_tags", { type: "tag", id: tag, contact_id: contact, contact_updated_at: at });

async function heldKeys(lines: string[], streams: string[]): Promise<Record<string, string[]>> {
  const path = join(dir, "out.jsonl");
  writeFileSync(path, lines.join("\n") + "\n");
  const held = await heldInJsonl(path, new Set(streams));
  return Object.fromEntries([...held.streams].map(([name, stream]) => [name, [...stream.keys].sort()]));
}

test("an emptied list deletes its parent's earlier rows; a link added after it lives", async () => {
  const keys = await heldKeys(
    [
      tagLink("c1", "t1", 10),
      tagLink("c1", "t2", 10),
      tagLink("c2", "t1", 10),
      deletion("contact_tags", { contact_id: "c1", deleted_at: 20 }),
      deletion("contact_tags", { contact_id: "c3", deleted_at: 20 }),
      tagLink("c2", "t3", 30),
      deletion("contact_tags", { contact_id: "c2", deleted_at: 40 }),
      tagLink("c2", "t4", 50),
    ],
    ["contact_tags"],
  );
  expect(keys.contact_tags).toEqual(["c2/t4"]);
});

test("a deleted tag or company deletes the links naming it, whether or not tags are verified", async () => {
  const lines = [
    record("tags", { type: "tag", id: "t1", name: "vip" }),
    record("tags", { type: "tag", id: "t2", name: "beta" }),
    tagLink("c1", "t1", 10),
    tagLink("c1", "t2", 10),
    record("contact_companies", { type: "company", id: "k1", contact_id: "c1", contact_updated_at: 10 }),
    deletion("tags", { id: "t1", deleted_at: 20 }),
    deletion("companies", { id: "k1", deleted_at: 20 }),
  ];
  expect(await heldKeys(lines, ["contact_tags", "contact_companies"])).toEqual({ contact_tags: ["c1/t2"], contact_companies: [] });
  expect((await heldKeys(lines, ["tags", "contact_tags"])).tags).toEqual(["t2"]);
});
