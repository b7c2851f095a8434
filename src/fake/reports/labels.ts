/**
 * Labels as the reporting export writes them: in the workspace's language, not as API enum values. The fake's
 * workspace language is a setting (FakeReportBehaviour.language), so tests meet labels a client cannot parse.
 */
export type ReportLanguage = "en" | "fr" | "de";

const LABELS: Record<ReportLanguage, Record<string, string>> = {
  en: {
    open: "Open",
    closed: "Closed",
    snoozed: "Snoozed",
    chat: "Chat",
    email: "Email",
    whatsapp: "WhatsApp",
    phone: "Phone",
    first_reply: "First reply",
    next_reply: "Next reply",
    time_to_close: "Time to close",
    active: "Active",
    hit: "Hit",
    missed: "Missed",
    away: "Away",
    submitted: "Submitted",
    in_progress: "In progress",
    resolved: "Resolved",
  },
  fr: {
    open: "Ouverte",
    closed: "Fermée",
    snoozed: "En attente",
    chat: "Chat",
    email: "E-mail",
    whatsapp: "WhatsApp",
    phone: "Téléphone",
    first_reply: "Première réponse",
    next_reply: "Réponse suivante",
    time_to_close: "Délai de clôture",
    active: "Actif",
    hit: "Respecté",
    missed: "Manqué",
    away: "Absent",
    submitted: "Soumis",
    in_progress: "En cours",
    resolved: "Résolu",
  },
  de: {
    open: "Offen",
    closed: "Geschlossen",
    snoozed: "Zurückgestellt",
    chat: "Chat",
    email: "E-Mail",
    whatsapp: "WhatsApp",
    phone: "Telefon",
    first_reply: "Erste Antwort",
    next_reply: "Nächste Antwort",
    time_to_close: "Zeit bis zum Schließen",
    active: "Aktiv",
    hit: "Erfüllt",
    missed: "Verfehlt",
    away: "Abwesend",
    submitted: "Eingereicht",
    in_progress: "In Bearbeitung",
    resolved: "Gelöst",
  },
};

export function label(key: string, language: ReportLanguage): string {
  return LABELS[language][key] ?? key;
}
