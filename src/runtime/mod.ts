/**
 * The one place that knows Bun from Deno. Everything else imports `runtime` from here.
 * @example
 * import { runtime } from "./runtime/mod.ts";
 * const token = runtime.env("INTERCOM_ACCESS_TOKEN");
 */
import type { Runtime } from "./types.ts";

export * from "./types.ts";
export { describeFileProblem, type FileRole, isFileSystemError } from "./file-problem.ts";
export { namesSqliteFile } from "./sqlite-path.ts";

const isBun = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined";

export const runtime: Runtime = isBun ? (await import("./bun.ts")).runtime : (await import("./deno.ts")).runtime;
