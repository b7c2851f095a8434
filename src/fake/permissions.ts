/**
 * Which Intercom permission (as the Developer Hub names it) each fake route needs. A token listed with
 * `missing: [...]` gets 403 on the routes that need one of those.
 */
export const PERMISSION = {
  admins: "Read admins",
  users: "Read and list users and companies",
  tags: "Read tags",
  conversations: "Read conversations",
  tickets: "Read tickets",
  activityLogs: "Read admin activity logs",
  articles: "Read and List articles",
  news: "Read and List news items and newsfeeds",
} as const;

/** Route name ("METHOD /path/pattern") → permission, or null when any valid token may call it. */
export const ROUTE_PERMISSIONS: Record<string, string | null> = {
  "GET /me": null,
  "GET /admins": PERMISSION.admins,
  "GET /teams": PERMISSION.admins,
  "GET /tags": PERMISSION.tags,
  "GET /segments": PERMISSION.users,
  "GET /data_attributes": PERMISSION.users,
  "GET /companies": PERMISSION.users,
  "GET /companies/scroll": PERMISSION.users,
  "GET /companies/{id}/segments": PERMISSION.users,
  "GET /companies/{id}": PERMISSION.users,
  "GET /contacts": PERMISSION.users,
  "GET /contacts/{id}": PERMISSION.users,
  "GET /contacts/{id}/segments": PERMISSION.users,
  "GET /contacts/{id}/notes": PERMISSION.users,
  // A contact's own tags and companies: the descriptions name no permission; read with the contact's.
  "GET /contacts/{id}/tags": PERMISSION.users,
  "GET /contacts/{id}/companies": PERMISSION.users,
  "POST /contacts/search": PERMISSION.users,
  "GET /conversations": PERMISSION.conversations,
  "POST /conversations/search": PERMISSION.conversations,
  "GET /conversations/{id}": PERMISSION.conversations,
  "GET /conversations/deleted": PERMISSION.conversations,
  "POST /tickets/search": PERMISSION.tickets,
  "GET /tickets/{id}": PERMISSION.tickets,
  "GET /admins/activity_logs": PERMISSION.activityLogs,
  "GET /conversations/attributes": PERMISSION.users,
  "GET /help_center/help_centers": PERMISSION.articles,
  "GET /help_center/collections": PERMISSION.articles,
  "GET /articles": PERMISSION.articles,
  "GET /ticket_types": PERMISSION.tickets,
  "GET /subscription_types": PERMISSION.users,
  "GET /news/newsfeeds": PERMISSION.news,
  "GET /news/news_items": PERMISSION.news,
};
