// stdout/stderr/signals through node:process, which Bun and Deno both implement; kept here so the core
// never sees it.
import { BrokenPipeError } from "./types.ts";

export function stdoutStream(): WritableStream<Uint8Array> {
  let broken = false;
  process.stdout.on("error", (error: { code?: string }) => {
    if (error.code === "EPIPE") broken = true;
  });
  return new WritableStream<Uint8Array>({
    write(chunk) {
      if (broken) return Promise.reject(new BrokenPipeError());
      return new Promise<void>((resolve, reject) => {
        process.stdout.write(chunk, (error?: Error | null) => {
          if (!error) return resolve();
          const code = (error as { code?: string }).code;
          if (code === "EPIPE" || code === "ERR_STREAM_DESTROYED" || broken) reject(new BrokenPipeError());
          else reject(error);
        });
      });
    },
  });
}

export function writeStderr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    /* stderr gone: nothing useful left to do */
  }
}

export function stderrIsTerminal(): boolean {
  return Boolean(process.stderr.isTTY);
}

export function onSignal(signal: "SIGINT" | "SIGTERM", fn: () => void): void {
  process.on(signal, fn);
}
