/**
 * Macros (API 2.16): read newest first in pages chained by `starting_after`; after the first run only those
 * updated since the cursor are asked for (`updated_since`), with Intercom-Version 2.16 whatever the run's.
 * A run filtered by time finds no deletions (and invents none); a run that reads them whole does.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

let fake: RunningFake;
beforeAll(async () => {
  // More than one page of 150.
  fake = await startFake({ sizes: { macros: 160 } });
});
afterAll(async () => {
  await fake.close();
});

const ids = () => [...fake.workspace.records("macros")].map((record) => String(record.id));

test("a first run exports every macro once, over two pages, asked with 2.16 on a 2.11 run; the next only the edited one", async () => {
  const store = memoryStateStore();
  const pagesBefore = fake.stats.byRoute["GET /macros"] ?? 0;
  const first = await syncWith(fake, ["macros"], { store, intercomVersion: "2.11", lookbackDays: 0 });
  expect(first.result.outcome).toBe("ok");
  const exported = first.sink.all("macros").map((record) => String(record.id));
  expect(exported.length).toBe(new Set(exported).size);
  expect(exported.sort()).toEqual(ids().sort());
  expect((fake.stats.byRoute["GET /macros"] ?? 0) - pagesBefore).toBe(2);
  expect(Object.keys(fake.stats.versionsByRoute["GET /macros"] ?? {})).toEqual(["2.16"]);
  expect(first.result.mismatches).toEqual([]);

  fake.workspace.now += 3_600;
  const edited = ids()[42]!;
  fake.workspace.touch("macros", edited);
  const second = await syncWith(fake, ["macros"], { store, intercomVersion: "2.11", lookbackDays: 0 });
  expect(second.result.outcome).toBe("ok");
  expect(second.sink.all("macros").map((record) => String(record.id))).toEqual([edited]);
  // Filtered by time: the macros it did not ask for are not deleted.
  expect(second.sink.deletions.get("macros")).toBeUndefined();
});

test("a macro deleted in Intercom is found by a run that reads them whole", async () => {
  const store = memoryStateStore();
  await syncWith(fake, ["macros"], { store });
  const gone = ids()[3]!;
  fake.workspace.now += 60;
  fake.workspace.deleteRecord("macros", gone);
  const { sink } = await syncWith(fake, ["macros"], { store, fullRefresh: true });
  expect(sink.deletions.get("macros")?.map((deletion) => deletion.key)).toEqual([{ id: gone }]);
  fake.workspace.restoreRecord("macros", gone);
});
