/** Start and drive tests/cli-state/fake-server.ts: a fake Intercom in its own process. */
import { join } from "node:path";
import type { FakeServerConfig } from "./fake-server.ts";
import { BUN, type KeySets, ROOT } from "./helpers.ts";

export interface FakeProcess {
  url: string;
  /** Move the fake's wall clock forward: a company scroll left open by a killed run then expires. */
  advanceClock(ms: number): Promise<void>;
  /** Every record a complete export must contain, sorted keys per stream. */
  keys(): Promise<KeySets>;
  stop(): Promise<void>;
}

export async function startFakeProcess(config: FakeServerConfig): Promise<FakeProcess> {
  const child = Bun.spawn([BUN, join(ROOT, "tests", "cli-state", "fake-server.ts"), JSON.stringify(config)], {
    cwd: ROOT,
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
  });
  const url = await firstLine(child.stdout);
  if (!url.startsWith("http://127.0.0.1:")) {
    child.kill(9);
    throw new Error(`fake-server.ts did not print its URL (got ${JSON.stringify(url)})`);
  }
  return {
    url,
    async advanceClock(ms) {
      const response = await fetch(`${url}/__test/advance-clock?ms=${ms}`, { method: "POST" });
      if (!response.ok) throw new Error(`advance-clock: ${response.status}`);
      await response.body?.cancel();
    },
    async keys() {
      const keys = (await (await fetch(`${url}/__test/keys`)).json()) as KeySets;
      for (const list of Object.values(keys)) list.sort();
      return keys;
    },
    async stop() {
      child.stdin.end();
      const exited = await Promise.race([child.exited, new Promise((resolve) => setTimeout(() => resolve("late"), 2000))]);
      if (exited === "late") child.kill(9);
      await child.exited;
    },
  };
}

async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text.split("\n")[0]!.trim();
}
