import { parse } from "yaml";
import { readFileSync } from "node:fs";
const names = process.argv.slice(2);
for (const v of ["2.11","2.14","2.16"]) {
  const doc = parse(readFileSync(`/work/shared/intercom-openapi/api.intercom.io-${v}.yaml`,"utf8"));
  console.log("=========", v);
  for (const n of names) {
    if (n.startsWith("/")) { const op = doc.paths[n]?.get; console.log(n, op?.description, JSON.stringify(op?.responses?.["200"]?.content?.["application/json"]?.examples ?? op?.responses?.["200"]?.content?.["application/json"]?.example).slice(0,3000)); continue; }
    console.log(n, JSON.stringify(doc.components.schemas[n], (k, val) => k === "example" || k === "description" ? undefined : val));
  }
}
