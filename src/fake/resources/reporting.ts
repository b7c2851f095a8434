/** Intercom's Reporting Data Export (2.14+): datasets, export jobs and their gzip-compressed CSV downloads (reports/). */
import { PERMISSION } from "../permissions.ts";
import { download, enqueue, getDatasets, jobStatus } from "../reports/routes.ts";
import type { FakeResource } from "./resource.ts";

export const reporting: FakeResource = {
  records: {},
  routes: [
    { method: "GET", path: "/export/reporting_data/get_datasets", permission: PERMISSION.conversations, handle: getDatasets },
    { method: "POST", path: "/export/reporting_data/enqueue", permission: PERMISSION.conversations, handle: enqueue },
    { method: "GET", path: "/export/reporting_data/{job_identifier}", permission: PERMISSION.conversations, handle: jobStatus },
    { method: "GET", path: "/download/reporting_data/{job_identifier}", permission: PERMISSION.conversations, handle: download },
  ],
};
