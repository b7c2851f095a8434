/**
 * Every stream intercom-sync can export. Adding a stream is adding its file and a line here; the stream names,
 * the check probes, the schema generator's input and the counts in help texts all derive from this list.
 */
import { activityLogEventTypes } from "./activity_log_event_types.ts";
import { activityLogs } from "./activity_logs.ts";
import { admins } from "./admins.ts";
import { articleDocuments } from "./article_documents.ts";
import { articleVersions } from "./article_versions.ts";
import { articles } from "./articles.ts";
import { collections } from "./collections.ts";
import { companies } from "./companies.ts";
import { companyAttributes } from "./company_attributes.ts";
import { companySegments } from "./company_segments.ts";
import { contactAttributes } from "./contact_attributes.ts";
import { contactNotes } from "./contact_notes.ts";
import { contactSegments } from "./contact_segments.ts";
import { contactCompanies } from "./contact_companies.ts";
import { contactTags } from "./contact_tags.ts";
import { contacts } from "./contacts.ts";
import { conversationAttributes } from "./conversation_attributes.ts";
import { conversationLinkedObjects } from "./conversation_linked_objects.ts";
import { conversationParts } from "./conversation_parts.ts";
import { conversationTags } from "./conversation_tags.ts";
import { conversationTranscripts } from "./conversation_transcripts.ts";
import { conversations } from "./conversations.ts";
import { helpCenters } from "./help_centers.ts";
import { newsItems } from "./news_items.ts";
import { newsfeeds } from "./newsfeeds.ts";
import { segments } from "./segments.ts";
import { subscriptionTypes } from "./subscription_types.ts";
import { tags } from "./tags.ts";
import { teams } from "./teams.ts";
import { ticketLinkedObjects } from "./ticket_linked_objects.ts";
import { ticketParts } from "./ticket_parts.ts";
import { ticketTranscripts } from "./ticket_transcripts.ts";
import { ticketTypes } from "./ticket_types.ts";
import { tickets } from "./tickets.ts";
import { internalArticles } from "./internal_articles.ts";
import { brands } from "./brands.ts";
import { awayStatusReasons } from "./away_status_reasons.ts";
import { officeHoursSchedules } from "./office_hours_schedules.ts";
import { contentSnippets } from "./content_snippets.ts";
import { audiences } from "./audiences.ts";
import { emails } from "./emails.ts";
import { contentImportSources } from "./content_import_sources.ts";
import { externalPages } from "./external_pages.ts";
import { callTranscripts } from "./call_transcripts.ts";
import { calls } from "./calls.ts";
import { contentReceipts } from "./content_receipts.ts";
import { contentEvents } from "./content_events.ts";
import { customObjectInstances } from "./custom_object_instances.ts";
import { companyNotes } from "./company_notes.ts";
import { contactMergeHistory } from "./contact_merge_history.ts";
import { handlingEvents } from "./handling_events.ts";
import { macros } from "./macros.ts";
import { officeHoursExceptions } from "./office_hours_exceptions.ts";
import { sideConversations } from "./side_conversations.ts";
import { ticketStates } from "./ticket_states.ts";
import type { StreamDefinition } from "./types.ts";

export const STREAMS = [
  activityLogs,
  admins,
  companies,
  companySegments,
  companyAttributes,
  contactAttributes,
  contacts,
  contactSegments,
  contactNotes,
  contactTags,
  contactCompanies,
  conversations,
  conversationParts,
  conversationTags,
  conversationLinkedObjects,
  segments,
  tags,
  teams,
  tickets,
  ticketParts,
  ticketLinkedObjects,
  conversationAttributes,
  helpCenters,
  collections,
  articles,
  ticketTypes,
  subscriptionTypes,
  newsfeeds,
  newsItems,
  conversationTranscripts,
  ticketTranscripts,
  articleDocuments,
  ticketStates,
  macros,
  calls,
  callTranscripts,
  customObjectInstances,
  contentReceipts,
  contentEvents,
  sideConversations,
  handlingEvents,
  companyNotes,
  contactMergeHistory,
  articleVersions,
  internalArticles,
  brands,
  awayStatusReasons,
  officeHoursSchedules,
  officeHoursExceptions,
  contentSnippets,
  audiences,
  emails,
  contentImportSources,
  externalPages,
  activityLogEventTypes,
] as const satisfies readonly StreamDefinition[];

/** A stream's name: one of the catalog's, and nothing else. */
export type StreamName = (typeof STREAMS)[number]["name"];

export const STREAM_NAMES: readonly StreamName[] = STREAMS.map((stream) => stream.name);

export function streamByName(name: string): StreamDefinition | undefined {
  return (STREAMS as readonly StreamDefinition[]).find((stream) => stream.name === name);
}

export function isStreamName(name: string): name is StreamName {
  return STREAM_NAMES.includes(name as StreamName);
}
