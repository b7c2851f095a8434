import { expect, test } from "bun:test";
import * as v from "valibot";
import { StreamProgressSchema } from "../../src/engine/progress-schema.ts";
import type { SeenKeys as EngineSeenKeys, StreamProgress, WindowProgress } from "../../src/engine/state-store.ts";
import { type SeenKeys, type StreamState, type StreamWindow, SyncStateSchema } from "../../src/state/schema.ts";

/** True only when A and B are the same type (each assignable to the other, no `any`). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const agree = <Verdict extends true>(verdict: Verdict) => verdict;

test("the per-stream progress the engine records is the shape the state file validates: one schema", () => {
  // Type level: tsc fails here when the engine's types and the state file's drift apart.
  agree<Same<StreamProgress, StreamState>>(true);
  agree<Same<WindowProgress, StreamWindow>>(true);
  agree<Same<EngineSeenKeys, SeenKeys>>(true);
  agree<Same<StreamProgress, v.InferOutput<typeof StreamProgressSchema>>>(true);
  // Run time: the state file's streams are validated by the engine's schema itself, not a copy of it.
  expect(SyncStateSchema.entries.streams.value).toBe(StreamProgressSchema);
});

test("progress as the engine writes it passes the state file's validation, and bad progress does not", () => {
  const progress: StreamProgress = {
    cursor: 1_700_000_000,
    windows: [{ start: 1_700_000_000, end: 1_700_086_400, position: "next-page" }],
    outcome: "ok",
    seen: { count: 0, digest: "0".repeat(64), packed: "" },
  };
  expect(v.safeParse(StreamProgressSchema, progress).success).toBe(true);
  expect(v.safeParse(StreamProgressSchema, { cursor: 1_700_000_000_000 }).success).toBe(false);
});
