import { parse } from "yaml";
import { readFileSync } from "node:fs";
const doc = parse(readFileSync(`/work/shared/intercom-openapi/api.intercom.io-2.16.yaml`,"utf8"));
for (const n of ["conversation_attribute_base","conversation_attribute_option"]) console.log(n, JSON.stringify(doc.components.schemas[n],null,1).slice(0,5000));
const d11 = parse(readFileSync(`/work/shared/intercom-openapi/api.intercom.io-2.11.yaml`,"utf8"));
console.log(JSON.stringify(d11.paths["/data_attributes"].get, null, 1).slice(0, 5000));
console.log(JSON.stringify(d11.components.schemas.data_attribute, null, 1).slice(0, 5000));
