/** The shared Bun/Deno file helpers: atomic writes leave no temp file on failure, new files are private. */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { chmod, mkdir, readdir, readFile, realpath, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  absolutePath,
  type AtomicWriteSteps,
  createExclusive,
  createPrivateFile,
  openReadFile,
  removeEmptyDirectory,
  replaceFiles,
  writeFileAtomic,
} from "../../src/runtime/node-fs.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** A write that fails as a full disk does, after creating (and partly filling) the temp file. */
const diskFull: AtomicWriteSteps = {
  async write(handle) {
    await handle.write('{\n  "version"');
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
  },
  rename: () => Promise.reject(new Error("rename must not be reached")),
};

// umask 022 is what makes files 0644 by default; the helpers must not depend on it.
let savedUmask: number;
beforeEach(() => {
  savedUmask = process.umask(0o022);
});
afterEach(() => {
  process.umask(savedUmask);
});

describe("writeFileAtomic", () => {
  test("a full disk mid-write: the error is the system's ENOSPC, no temp file is left, the old file is intact", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await writeFile(path, "old\n");
      const error = await writeFileAtomic(path, "new\n", diskFull).then(() => undefined, (caught: unknown) => caught);
      expect((error as { code?: string }).code).toBe("ENOSPC");
      expect(await readdir(dir)).toEqual(["state.json"]);
      expect(await readFile(path, "utf8")).toBe("old\n");
    });
  });

  test("a failing rename leaves no temp file either", async () => {
    await withTempDir(async (dir) => {
      const steps: AtomicWriteSteps = {
        write: (handle, text) => handle.writeFile(text, "utf8"),
        rename: () => Promise.reject(Object.assign(new Error("EXDEV"), { code: "EXDEV" })),
      };
      await expect(writeFileAtomic(join(dir, "state.json"), "new\n", steps)).rejects.toThrow("EXDEV");
      expect(await readdir(dir)).toEqual([]);
    });
  });

  test("writing into a missing directory fails with the system's ENOENT and creates nothing", async () => {
    await withTempDir(async (dir) => {
      const error = await writeFileAtomic(join(dir, "missing", "s.json"), "x").then(() => undefined, (caught: unknown) => caught);
      expect((error as { code?: string }).code).toBe("ENOENT");
      expect(await readdir(dir)).toEqual([]);
    });
  });

  test("a new file is 0600 under umask 022; an existing 0644 file keeps 0644 after being replaced", async () => {
    await withTempDir(async (dir) => {
      const fresh = join(dir, "fresh.json");
      await writeFileAtomic(fresh, "{}\n");
      expect(await modeOf(fresh)).toBe(0o600);
      const shared = join(dir, "shared.json");
      await writeFile(shared, "old\n");
      await chmod(shared, 0o644);
      await writeFileAtomic(shared, "new\n");
      expect(await modeOf(shared)).toBe(0o644);
      expect(await readFile(shared, "utf8")).toBe("new\n");
    });
  });
});

test("replaceFiles replaces several files in several folders: new ones 0600, existing ones keep their mode, no temp file left", async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, "a"));
    await mkdir(join(dir, "b"));
    await writeFile(join(dir, "a", "old.md"), "old");
    await chmod(join(dir, "a", "old.md"), 0o640);
    await replaceFiles([
      { path: join(dir, "a", "old.md"), text: "new" },
      { path: join(dir, "a", "1.md"), text: "one" },
      { path: join(dir, "b", "2.md"), text: "two ✓" },
    ]);
    expect(await readFile(join(dir, "a", "old.md"), "utf8")).toBe("new");
    expect(await modeOf(join(dir, "a", "old.md"))).toBe(0o640);
    expect(await readFile(join(dir, "b", "2.md"), "utf8")).toBe("two ✓");
    expect(await modeOf(join(dir, "a", "1.md"))).toBe(0o600);
    expect((await readdir(join(dir, "a"))).sort()).toEqual(["1.md", "old.md"]);
    expect(await readdir(join(dir, "b"))).toEqual(["2.md"]);
    // A file that cannot be written (its folder is gone) fails the call and leaves no temp file beside the others.
    await expect(replaceFiles([{ path: join(dir, "a", "3.md"), text: "3" }, { path: join(dir, "gone", "4.md"), text: "4" }])).rejects.toThrow();
    expect((await readdir(join(dir, "a"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

test("replaceFiles: a file that fails while others are being written leaves no temp file once the call has failed", async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, "a"));
    // The failing file comes first, so the other workers are still opening and writing theirs when it fails.
    const many = Array.from({ length: 40 }, (_, index) => ({ path: join(dir, "a", `${index}.md`), text: "x".repeat(10_000) }));
    for (let round = 0; round < 5; round++) {
      await expect(replaceFiles([{ path: join(dir, "gone", "0.md"), text: "0" }, ...many])).rejects.toThrow();
      expect((await readdir(join(dir, "a"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    }
  });
});

describe("createPrivateFile", () => {
  test("creates an empty 0600 file even under umask 0, and says it did", async () => {
    await withTempDir(async (dir) => {
      process.umask(0);
      const path = join(dir, "out.jsonl");
      expect(await createPrivateFile(path)).toBe(true);
      expect(await modeOf(path)).toBe(0o600);
      expect(await readFile(path, "utf8")).toBe("");
    });
  });

  test("leaves an existing file, its content and its mode alone", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "out.jsonl");
      await writeFile(path, '{"a":1}\n');
      await chmod(path, 0o644);
      expect(await createPrivateFile(path)).toBe(false);
      expect(await modeOf(path)).toBe(0o644);
      expect(await readFile(path, "utf8")).toBe('{"a":1}\n');
    });
  });

  test("a directory is refused with EISDIR; a missing directory with ENOENT", async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, "sub"));
      const codeOf = (promise: Promise<unknown>) => promise.then(() => "created", (error: { code?: string }) => error.code);
      expect(await codeOf(createPrivateFile(join(dir, "sub")))).toBe("EISDIR");
      expect(await codeOf(createPrivateFile(join(dir, "missing", "x")))).toBe("ENOENT");
    });
  });
});

test("createExclusive (the lock) makes a 0600 file under umask 022", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "state.json.lock");
    expect(await createExclusive(path, "{}\n")).toBe(true);
    expect(await modeOf(path)).toBe(0o600);
  });
});

describe("openReadFile", () => {
  test("reads any range of an existing file, and says undefined for a missing one without creating it", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "out.jsonl");
      await writeFile(path, "0123456789");
      const file = (await openReadFile(path))!;
      try {
        expect(file.length).toBe(10);
        expect(new TextDecoder().decode(await file.read(3, 4))).toBe("3456");
        // Past the end: what there is.
        expect(new TextDecoder().decode(await file.read(8, 5))).toBe("89");
      } finally {
        await file.close();
      }
      expect(await openReadFile(join(dir, "missing.jsonl"))).toBeUndefined();
      expect(await readdir(dir)).toEqual(["out.jsonl"]);
    });
  });
});

describe("absolutePath", () => {
  test("spells one file one way: relative, ./, .., through a symbolic link, existing or not", async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, "real"));
      await symlink(join(dir, "real"), join(dir, "link"));
      const real = await realpath(join(dir, "real"));
      const cwd = process.cwd();
      process.chdir(join(dir, "real"));
      try {
        for (const spelling of ["out.jsonl", "./out.jsonl", "../real/out.jsonl", join(dir, "link", "out.jsonl")]) {
          expect(await absolutePath(spelling)).toBe(join(real, "out.jsonl"));
        }
        await writeFile(join(real, "out.jsonl"), "");
        expect(await absolutePath(join(dir, "link", "sub", "..", "out.jsonl"))).toBe(join(real, "out.jsonl"));
        expect(await absolutePath("missing/dir/out.jsonl")).toBe(join(real, "missing", "dir", "out.jsonl"));
        expect(await absolutePath("../other/out.jsonl")).not.toBe(join(real, "out.jsonl"));
      } finally {
        process.chdir(cwd);
      }
    });
  });
});

test("removeEmptyDirectory removes an empty folder only: one holding a file, or one already gone, is left and says false", async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, "empty"));
    await mkdir(join(dir, "full"));
    await writeFile(join(dir, "full/keep.txt"), "mine");
    expect(await removeEmptyDirectory(join(dir, "empty"))).toBe(true);
    expect(await removeEmptyDirectory(join(dir, "full"))).toBe(false);
    expect(await removeEmptyDirectory(join(dir, "gone"))).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(["full"]);
    expect(await readFile(join(dir, "full/keep.txt"), "utf8")).toBe("mine");
  });
});
