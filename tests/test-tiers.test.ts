import { describe, expect, test } from "bun:test";
import { resolve } from "node:path";
import { testTiers } from "../scripts/test/tiers.ts";

const ROOT = resolve(import.meta.dir, "..");

describe("test tiers", () => {
  const tiers = testTiers(ROOT);

  test("every test file is in exactly one tier", () => {
    const both = tiers.inProcess.filter((file) => tiers.spawning.includes(file));
    expect(both).toEqual([]);
    expect(tiers.inProcess.length).toBeGreaterThan(0);
    expect(tiers.spawning.length).toBeGreaterThan(0);
  });

  test("a file that spawns through a helper it imports is in the spawning tier", () => {
    // check.test.ts starts no process itself: it runs the CLI through tests/helpers/run-cli.ts
    expect(tiers.spawning).toContain("tests/cli/check.test.ts");
    expect(tiers.spawning).toContain("tests/cli/binary.test.ts");
    expect(tiers.spawning).toContain("tests/cli/action.test.ts");
  });

  test("a file that only calls code in this process is in the quick tier", () => {
    expect(tiers.inProcess).toContain("tests/test-tiers.test.ts");
    expect(tiers.inProcess).toContain("tests/cli/wrap.test.ts");
    // The CLI's main() run in-process (tests/helpers/run-cli-in-process.ts) keeps a file in the quick tier.
    expect(tiers.inProcess).toContain("tests/resilience/persistent-faults.test.ts");
  });
});
