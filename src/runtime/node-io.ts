// stdout/stderr/signals through node:process, which Bun and Deno both implement; kept here so the core
// never sees it.
import { fstatSync, readFileSync, statSync } from "node:fs";
import { BrokenPipeError } from "../errors.ts";

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

export function writeStdout(text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      process.stdout.write(text, () => resolve());
    } catch {
      resolve(); // stdout gone: as with stderr, nothing useful left to do
    }
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

/**
 * stdout closed at start (`>&-`): Bun and Deno reopen a closed fd 1 as /dev/null read-write, where a shell's
 * `> /dev/null` opens it write-only. Linux shows the open mode in /proc; elsewhere the two look alike: false.
 */
export function stdoutIsClosed(): boolean {
  try {
    const devNull = statSync("/dev/null");
    const out = fstatSync(1);
    if (!out.isCharacterDevice() || out.rdev !== devNull.rdev) return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync("/proc/self/fdinfo/1", "utf8"))?.[1];
    return flags !== undefined && (Number.parseInt(flags, 8) & 0o3) === 0o2;
  } catch (error) {
    // fd 1 itself unusable (EBADF): closed.
    return (error as { code?: string }).code === "EBADF";
  }
}
