import { parse } from "yaml";
const spec = parse(await Bun.file("/work/shared/intercom-openapi/api.intercom.io-2.11.yaml").text());
const names = process.argv.slice(2);
for (const n of names) console.log(n, JSON.stringify(spec.components.schemas[n], null, 1));
