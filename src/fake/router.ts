/** The fake's route table: method + path pattern → handler. Names match ROUTE_PERMISSIONS. */
import { listActivityLogs } from "./routes/activity-logs.ts";
import { companyScroll, companySegments, getCompany, listCompanies } from "./routes/companies.ts";
import { contactNotes, contactSegments, getContact } from "./routes/contacts.ts";
import { contactCompanies, contactTags } from "./routes/contact-links.ts";
import { getConversation, listDeletedConversations } from "./routes/conversation.ts";
import {
  listArticles,
  listCollections,
  listHelpCenters,
  listNewsfeeds,
  listNewsItems,
  listSubscriptionTypes,
  listTicketTypes,
} from "./routes/content.ts";
import { getMe, listAdmins, listConversationAttributes, listDataAttributes, listSegments, listTags, listTeams } from "./routes/lists.ts";
import type { Route } from "./routes/route.ts";
import { listRoute, searchRoute } from "./routes/search.ts";
import { getTicket } from "./routes/ticket.ts";

const ID = "([^/]+)";

export const ROUTES: Route[] = [
  { method: "GET", name: "GET /me", pattern: /^\/me$/, handle: getMe },
  { method: "GET", name: "GET /admins", pattern: /^\/admins$/, handle: listAdmins },
  { method: "GET", name: "GET /admins/activity_logs", pattern: /^\/admins\/activity_logs$/, handle: listActivityLogs },
  { method: "GET", name: "GET /teams", pattern: /^\/teams$/, handle: listTeams },
  { method: "GET", name: "GET /tags", pattern: /^\/tags$/, handle: listTags },
  { method: "GET", name: "GET /segments", pattern: /^\/segments$/, handle: listSegments },
  { method: "GET", name: "GET /data_attributes", pattern: /^\/data_attributes$/, handle: listDataAttributes },
  { method: "GET", name: "GET /companies", pattern: /^\/companies$/, handle: listCompanies },
  { method: "GET", name: "GET /companies/scroll", pattern: /^\/companies\/scroll$/, handle: companyScroll },
  { method: "GET", name: "GET /companies/{id}/segments", pattern: new RegExp(`^/companies/${ID}/segments$`), handle: companySegments },
  // After /companies/scroll, which would be taken for an id.
  { method: "GET", name: "GET /companies/{id}", pattern: new RegExp(`^/companies/${ID}$`), handle: getCompany },
  { method: "GET", name: "GET /contacts", pattern: /^\/contacts$/, handle: listRoute("contacts") },
  { method: "GET", name: "GET /contacts/{id}/segments", pattern: new RegExp(`^/contacts/${ID}/segments$`), handle: contactSegments },
  { method: "GET", name: "GET /contacts/{id}/notes", pattern: new RegExp(`^/contacts/${ID}/notes$`), handle: contactNotes },
  { method: "GET", name: "GET /contacts/{id}", pattern: new RegExp(`^/contacts/${ID}$`), handle: getContact },
  { method: "GET", name: "GET /contacts/{id}/tags", pattern: new RegExp(`^/contacts/${ID}/tags$`), handle: contactTags },
  { method: "GET", name: "GET /contacts/{id}/companies", pattern: new RegExp(`^/contacts/${ID}/companies$`), handle: contactCompanies },
  { method: "POST", name: "POST /contacts/search", pattern: /^\/contacts\/search$/, handle: searchRoute("contacts") },
  { method: "GET", name: "GET /conversations", pattern: /^\/conversations$/, handle: listRoute("conversations") },
  { method: "POST", name: "POST /conversations/search", pattern: /^\/conversations\/search$/, handle: searchRoute("conversations") },
  // Before /conversations/{id}, which would take "attributes" or "deleted" for an id.
  { method: "GET", name: "GET /conversations/deleted", pattern: /^\/conversations\/deleted$/, handle: listDeletedConversations },
  { method: "GET", name: "GET /conversations/attributes", pattern: /^\/conversations\/attributes$/, handle: listConversationAttributes },
  { method: "GET", name: "GET /conversations/{id}", pattern: new RegExp(`^/conversations/${ID}$`), handle: getConversation },
  { method: "POST", name: "POST /tickets/search", pattern: /^\/tickets\/search$/, handle: searchRoute("tickets") },
  { method: "GET", name: "GET /tickets/{id}", pattern: new RegExp(`^/tickets/${ID}$`), handle: getTicket },
  { method: "GET", name: "GET /help_center/help_centers", pattern: /^\/help_center\/help_centers$/, handle: listHelpCenters },
  { method: "GET", name: "GET /help_center/collections", pattern: /^\/help_center\/collections$/, handle: listCollections },
  { method: "GET", name: "GET /articles", pattern: /^\/articles$/, handle: listArticles },
  { method: "GET", name: "GET /ticket_types", pattern: /^\/ticket_types$/, handle: listTicketTypes },
  { method: "GET", name: "GET /subscription_types", pattern: /^\/subscription_types$/, handle: listSubscriptionTypes },
  { method: "GET", name: "GET /news/newsfeeds", pattern: /^\/news\/newsfeeds$/, handle: listNewsfeeds },
  { method: "GET", name: "GET /news/news_items", pattern: /^\/news\/news_items$/, handle: listNewsItems },
];

export interface RouteMatch {
  route: Route;
  params: string[];
}

export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return undefined;
}
