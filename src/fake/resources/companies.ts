/** Companies: listed (also by segment or tag), scrolled, read one by one, and the segments each is in. */
import { PERMISSION } from "../permissions.ts";
import { companyScroll, companySegments, getCompany, listCompanies } from "../routes/companies.ts";
import type { FakeResource } from "./resource.ts";

export const companies: FakeResource = {
  records: {
    companies: (ws) => ws.companies.all(),
    company_segments: (ws) => ws.companySegmentRows(),
  },
  routes: [
    { method: "GET", path: "/companies", permission: PERMISSION.users, handle: listCompanies },
    { method: "GET", path: "/companies/scroll", permission: PERMISSION.users, handle: companyScroll },
    { method: "GET", path: "/companies/{id}/segments", permission: PERMISSION.users, handle: companySegments },
    { method: "GET", path: "/companies/{id}", permission: PERMISSION.users, handle: getCompany },
  ],
  sizes: { companies: 60, companySegmentOdds: 4, companyListCap: 10_000 },
};
