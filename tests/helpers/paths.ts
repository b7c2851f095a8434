/** Where things are, for tests that start programs: the repository, its Bun and Deno, the CLI's source entry. */
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..", "..");
export const BUN = join(ROOT, "node_modules", ".bin", "bun");
export const DENO = join(ROOT, "node_modules", ".bin", "deno");
export const MAIN = join(ROOT, "src", "cli", "main.ts");
