/** The --output sink: pages without progress wait for their pass's next progress, in memory or spooled to disk. */
import { expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { runtime } from "../../src/runtime/mod.ts";
import { createJsonlFileSink } from "../../src/sinks/jsonl-file.ts";
import type { PageBatch } from "../../src/sinks/types.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const page = (stream: string, ...ids: string[]) => ({ stream, records: ids.map((id) => ({ id })) });
const idsIn = (text: string) => text.split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { data: { id: string } }).data.id);

for (const memoryLimitBytes of [32 * 1024 * 1024, 10]) {
  test(`pages without progress are appended only with their pass's next progress (memory limit ${memoryLimitBytes} bytes)`, async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "out.jsonl");
      const file = (await runtime.openAppendFile(path, { create: true }))!;
      const recorded: { length: number; progress: string[] }[] = [];
      const progressed: string[] = [];
      const sink = createJsonlFileSink(file, {
        memoryLimitBytes,
        onAppended: (length) => recorded.push({ length, progress: [...progressed] }),
      });
      const batch = (pass: string, pages: PageBatch["pages"], label?: string): PageBatch => ({
        pass,
        pages,
        progress: label === undefined ? undefined : () => (progressed.push(label), () => {}),
      });
      await sink.commit!(batch("companies", [page("companies", "c1", "c2")]));
      await sink.commit!(batch("companies", [page("company_segments", "s1")]));
      await sink.commit!(batch("contacts", [page("contacts", "p1")], "contacts page 1"));
      // Another pass's checkpoint vouches only for its own page: the held companies are not in the file yet.
      expect(idsIn(await readFile(path, "utf8"))).toEqual(["p1"]);
      await sink.commit!(batch("companies", [page("companies", "c3")], "companies done"));
      await sink.close();
      const text = await readFile(path, "utf8");
      expect(idsIn(text)).toEqual(["p1", "c1", "c2", "s1", "c3"]);
      // Each recorded length ends exactly where that progress's pages end.
      expect(recorded).toEqual([
        { length: Buffer.byteLength(text.split("\n")[0]! + "\n"), progress: ["contacts page 1"] },
        { length: Buffer.byteLength(text), progress: ["contacts page 1", "companies done"] },
      ]);
      await file.close();
      // A spool file never outlives the sink.
      expect(await readdir(dir)).toEqual(["out.jsonl"]);
    });
  });
}
