import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const companySegments: StreamDefinition = {
  name: "company_segments",
  description: "Segments each company belongs to, one record per (company, segment).",
  permission: PERMISSIONS.users,
  primaryKey: ["company_id", "id"],
  cursorField: "updated_at",
  sync: "child",
  pagination: "none",
  method: "GET",
  path: "/companies/{id}/segments",
  recordPath: ["data"],
  parent: {
    stream: "companies",
    path: (company) => `/companies/${encodeURIComponent(String(company.id))}/segments`,
    fields: (company) => ({ company_id: company.id }),
  },
  notes:
    "Read for every company on every run: joining a segment does not change a company's or a segment's " +
    "updated_at, so filtering by time would lose new memberships.",
};
