/**
 * The Intercom permissions (as the Developer Hub names them) the fake's routes need; each route names its own in
 * its resource file (resources/). A token listed with `missing: [...]` gets 403 on the routes that need one of those.
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
