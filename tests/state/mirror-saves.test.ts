import { expect, test } from "bun:test";
import { mirrorSaves } from "../../src/state/mirror-saves.ts";

test("at most one write starts per interval, and the caller never waits for it", async () => {
  let clock = 0;
  const started: number[] = [];
  let release: () => void = () => {};
  const save = mirrorSaves(
    () => {
      started.push(clock);
      return new Promise<void>((resolve) => (release = resolve));
    },
    1000,
    () => clock,
  );
  await save(); // resolves although the write has not finished
  clock = 400;
  await save();
  clock = 999;
  await save();
  expect(started).toEqual([0]);
  clock = 1000;
  await save();
  expect(started).toEqual([0, 1000]);
  release();
});

test("a failed write is reported by the next call, once", async () => {
  let clock = 0;
  let fail = true;
  const save = mirrorSaves(
    () => (fail ? Promise.reject(new Error("disk full")) : Promise.resolve()),
    1000,
    () => clock,
  );
  await save();
  await Promise.resolve(); // let the failure land
  clock = 10; // within the interval: no new write, but the failure is said
  await expect(save()).rejects.toThrow("disk full");
  fail = false;
  clock = 2000;
  await expect(save()).resolves.toBeUndefined();
});
