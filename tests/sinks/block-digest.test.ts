/** The block digest `verify` compares with the manifest's: the same bytes give the same digest, however they arrive. */
import { expect, test } from "bun:test";
import { writeFile } from "node:fs/promises";
import { BlockDigest, fileBlockDigest } from "../../src/sinks/block-digest.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const BYTES = new Uint8Array(2.5 * 1024 * 1024).map((_, index) => (index * 31) % 251);

async function digestInPieces(size: number): Promise<string> {
  const digest = new BlockDigest();
  for (let offset = 0; offset < BYTES.length; offset += size) await digest.update(BYTES.subarray(offset, offset + size));
  return digest.hex();
}

test("pieces of any size, and the file read back, give one digest; one byte changed gives another", async () => {
  const whole = await digestInPieces(BYTES.length);
  expect(await digestInPieces(7)).toBe(whole);
  expect(await digestInPieces(1 << 20)).toBe(whole);
  expect(await digestInPieces(300_001)).toBe(whole);
  await withTempDir(async (dir) => {
    await writeFile(`${dir}/f`, BYTES);
    expect(await fileBlockDigest(`${dir}/f`)).toEqual({ bytes: BYTES.length, digest: whole });
    const changed = BYTES.slice();
    changed[2_000_000] = changed[2_000_000]! ^ 1;
    await writeFile(`${dir}/f`, changed);
    expect((await fileBlockDigest(`${dir}/f`))!.digest).not.toBe(whole);
    expect(await fileBlockDigest(`${dir}/missing`)).toBeUndefined();
  });
});
