/** Intercom's permission names, exactly as the Developer Hub shows them. */
export const PERMISSIONS = {
  users: "Read and list users and companies",
  conversations: "Read conversations",
  tickets: "Read tickets",
  tags: "Read tags",
  admins: "Read admins",
  activityLogs: "Read admin activity logs",
} as const;
