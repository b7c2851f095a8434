/** Rewrites the generated parts of README.md (the stream table) from the catalog. */
import { readFileSync, writeFileSync } from "node:fs";
import { withStreamsTable } from "./readme-streams.ts";

const path = new URL("../README.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = withStreamsTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? "README.md already up to date" : "README.md stream table rewritten");
