/** Every stream intercom-sync can export. Adding a stream is adding a file and a line here. */
import { activityLogs } from "./activity_logs.ts";
import { admins } from "./admins.ts";
import { companies } from "./companies.ts";
import { companyAttributes } from "./company_attributes.ts";
import { companySegments } from "./company_segments.ts";
import { contactAttributes } from "./contact_attributes.ts";
import { contacts } from "./contacts.ts";
import { conversationParts } from "./conversation_parts.ts";
import { conversations } from "./conversations.ts";
import { segments } from "./segments.ts";
import { tags } from "./tags.ts";
import { teams } from "./teams.ts";
import { tickets } from "./tickets.ts";
import type { StreamDefinition, StreamName } from "./types.ts";

export const STREAMS: readonly StreamDefinition[] = [
  activityLogs,
  admins,
  companies,
  companySegments,
  companyAttributes,
  contactAttributes,
  contacts,
  conversations,
  conversationParts,
  segments,
  tags,
  teams,
  tickets,
];

export const STREAM_NAMES: readonly StreamName[] = STREAMS.map((stream) => stream.name);

export function streamByName(name: string): StreamDefinition | undefined {
  return STREAMS.find((stream) => stream.name === name);
}

export function isStreamName(name: string): name is StreamName {
  return STREAM_NAMES.includes(name as StreamName);
}
