import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const companySegments = defineStream({
  name: "company_segments",
  description: "Segments each company belongs to, one record per (company, segment).",
  permission: PERMISSIONS.users,
  primaryKey: ["company_id", "id"],
  cursorField: "updated_at",
  read: { kind: "child", parent: "companies", path: "/companies/{id}/segments", copy: { company_id: "id" }, recordPath: ["data"] },
  schema: {
    component: "segment",
    addedFields: {
      company_id: { type: "string", description: "The Intercom id of the company the segment was listed for (added by intercom-sync)." },
    },
  },
  notes:
    "Read for every company on every run: joining a segment does not change a company's or a segment's " +
    "updated_at, so filtering by time would lose new memberships. It costs one request per company yet stays in " +
    "the default set, as one of the Airbyte connector's streams; leave it out with --streams when companies are many.",
});
