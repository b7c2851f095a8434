/** Intercom's permission names, exactly as the Developer Hub shows them. */
export const PERMISSIONS = {
  users: "Read and list users and companies",
  conversations: "Read conversations",
  tickets: "Read tickets",
  tags: "Read tags",
  admins: "Read admins",
  activityLogs: "Read admin activity logs",
  /** Help Centers, collections and articles (the Developer Hub's capital L). */
  articles: "Read and List articles",
  news: "Read and List news items and newsfeeds",
} as const;
