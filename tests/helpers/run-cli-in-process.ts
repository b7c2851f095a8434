/**
 * `main(args)` called in this process, with everything it writes to stdout and stderr captured (and kept off the
 * test output): the CLI's behaviour without the cost of a child process. Only one may run at a time.
 * For the CLI as a child process (its real exit, signals, a clean environment), see run-cli.ts.
 */
import { main } from "../../src/cli/main.ts";
import type { CliResult } from "./cli-result.ts";

export async function runCliInProcess(args: readonly string[]): Promise<CliResult> {
  const out = { stdout: "", stderr: "" };
  const capture = (stream: "stdout" | "stderr") => {
    const target = process[stream];
    const original = target.write;
    target.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[stream] += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      const done = rest.find((arg) => typeof arg === "function") as ((error?: Error | null) => void) | undefined;
      done?.();
      return true;
    }) as typeof target.write;
    return () => void (target.write = original);
  };
  const restoreOut = capture("stdout");
  const restoreErr = capture("stderr");
  try {
    const exitCode = await main(args);
    return { exitCode, ...out };
  } finally {
    restoreOut();
    restoreErr();
  }
}
