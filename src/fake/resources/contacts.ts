/** Contacts: listed, searched, read one by one, and their segments, notes, tags and companies. */
import { PERMISSION } from "../permissions.ts";
import { contactCompanies, contactTags } from "../routes/contact-links.ts";
import { contactNotes, contactSegments, getContact } from "../routes/contacts.ts";
import { listRoute, searchRoute } from "../routes/search.ts";
import type { FakeResource } from "./resource.ts";

export const contacts: FakeResource = {
  records: {
    contacts: (ws) => ws.contacts.all(),
    contact_segments: (ws) => ws.perContact((i) => ws.contactSegments(i)),
    contact_notes: (ws) => ws.perContact((i) => ws.contactNotes(i)),
    contact_tags: (ws) => ws.contactLinkRows("tagIds", "tag"),
    contact_companies: (ws) => ws.contactLinkRows("companyIds", "company"),
  },
  routes: [
    { method: "GET", path: "/contacts", permission: PERMISSION.users, handle: listRoute("contacts") },
    { method: "POST", path: "/contacts/search", permission: PERMISSION.users, handle: searchRoute("contacts") },
    { method: "GET", path: "/contacts/{id}", permission: PERMISSION.users, handle: getContact },
    { method: "GET", path: "/contacts/{id}/segments", permission: PERMISSION.users, handle: contactSegments },
    { method: "GET", path: "/contacts/{id}/notes", permission: PERMISSION.users, handle: contactNotes },
    // A contact's own tags and companies: the descriptions name no permission; read with the contact's.
    { method: "GET", path: "/contacts/{id}/tags", permission: PERMISSION.users, handle: contactTags },
    { method: "GET", path: "/contacts/{id}/companies", permission: PERMISSION.users, handle: contactCompanies },
  ],
  sizes: { contacts: 500 },
};
