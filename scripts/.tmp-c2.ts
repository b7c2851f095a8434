import { parse } from "yaml";
import { readFileSync } from "node:fs";
const doc = parse(readFileSync(`/work/shared/intercom-openapi/api.intercom.io-2.16.yaml`,"utf8"));
for (const n of ["conversation_attribute_string_type","conversation_attribute_list_type","conversation_attribute_relationship_type","conversation_attribute_files_type"]) console.log(n, JSON.stringify(doc.components.schemas[n]).slice(0,3000));
const op = doc.paths["/conversations/attributes"].get;
console.log(JSON.stringify(op, null, 1).slice(0, 6000));
const da = doc.paths["/data_attributes"].get;
console.log(JSON.stringify(da.responses["422"], null, 1), da.description);
