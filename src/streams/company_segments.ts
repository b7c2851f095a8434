import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const companySegments = defineStream({
  name: "company_segments",
  description: "Segments each company belongs to, one record per (company, segment).",
  permission: PERMISSIONS.users,
  primaryKey: ["company_id", "id"],
  cursorField: "updated_at",
  references: { company_id: "companies", id: "segments" },
  read: {
    kind: "membership",
    parent: "companies",
    copy: { company_id: "id" },
    groups: { path: "/segments", query: { include_count: true }, recordPath: ["segments"], countField: "count", omit: ["count"] },
    // Intercom: "You can fetch all companies and filter by `segment_id`"; the list stops at 10,000 and leaves out
    // companies with no users. The company object's `segments` ("the list of segments associated with the company")
    // is not documented to be filled in scroll answers, so it only settles a segment its listing and count confirm.
    members: {
      path: "/companies",
      recordPath: ["data"],
      groupParam: "segment_id",
      perPage: 150,
      cap: 10_000,
      unlistedWhen: "user_count",
      embedded: ["segments", "segments"],
    },
    perParent: { path: "/companies/{id}/segments", recordPath: ["data"] },
  },
  schema: {
    component: "segment",
    addedFields: {
      company_id: { type: "string", description: "The Intercom id of the company the segment was listed for (added by intercom-sync)." },
    },
  },
  notes: "Read whole on every run, segment by segment: GET /segments?include_count=true, then each segment's companies " +
    "(GET /companies?segment_id=…, 150 a page), since joining a segment does not change a company's or a segment's " +
    "updated_at. Where a segment's listing cannot be complete (it stops at 10,000 and leaves out companies without " +
    "users: its count says more than it lists), the segments each company of the scroll carries (its `segments` " +
    "field) settle it when they agree with the listing and, with it, make up the segment's count; otherwise the " +
    "companies it may miss are read one by one (GET /companies/{id}/segments), and the run's warnings say how " +
    "many.",
});
