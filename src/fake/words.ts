/** Word lists for generated names; short on purpose, repetition is realistic. */

export const FIRST_NAMES = [
  "Ada",
  "Bruno",
  "Chloé",
  "Dmitri",
  "Eun-ji",
  "Farah",
  "Gustavo",
  "Hana",
  "Ivan",
  "Jamal",
  "Kalani",
  "Lena",
  "Mateo",
  "Nia",
  "Olu",
  "Priya",
  "Quentin",
  "Rosa",
  "Sione",
  "Tomás",
  "Uma",
  "Vikram",
  "Wen",
  "Xavier",
  "Yara",
  "Zoë",
] as const;

export const LAST_NAMES = [
  "Okafor",
  "Lindqvist",
  "García",
  "Nakamura",
  "O'Brien",
  "Kowalski",
  "Haddad",
  "Müller",
  "Tanaka",
  "Silva",
  "Nguyen",
  "Smith",
  "Fa'asavalu",
  "Petrov",
  "Kaur",
  "Dubois",
  "Rossi",
  "Mensah",
] as const;

export const COMPANY_WORDS = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Vandelay",
  "Stark",
  "Wayne",
  "Tyrell",
  "Cyberdyne",
  "Soylent",
  "Wonka",
  "Aperture",
  "Gringotts",
  "Monarch",
  "Pied Piper",
  "Dunder",
  "Oscorp",
] as const;

export const COMPANY_SUFFIXES = ["Inc", "Ltd", "GmbH", "Labs", "Group", "& Co", "SA", "Pty"] as const;

export const INDUSTRIES = ["Software", "Retail", "Healthcare", "Finance", "Education", "Logistics", "Media"] as const;

export const PLANS = ["free", "starter", "pro", "enterprise"] as const;

export const LOCATIONS = [
  { country: "Kiribati", region: "Line Islands", city: "Kiritimati" },
  { country: "American Samoa", region: "Tutuila", city: "Pago Pago" },
  { country: "Ireland", region: "Leinster", city: "Dublin" },
  { country: "United States", region: "California", city: "San Francisco" },
  { country: "Japan", region: "Tokyo", city: "Tokyo" },
  { country: "Brazil", region: "São Paulo", city: "São Paulo" },
  { country: "Nigeria", region: "Lagos", city: "Lagos" },
  { country: "Germany", region: "Berlin", city: "Berlin" },
] as const;

export const BROWSERS = ["chrome", "firefox", "safari", "edge"] as const;
export const OSES = ["OS X 14.1", "Windows 11", "iOS 17.2", "Android 14", "Linux"] as const;
export const LANGUAGES = ["en", "fr", "de", "ja", "pt-BR", "es"] as const;

export const SENTENCES = [
  "Hi, I can't log in since this morning.",
  "Could you send me last month's invoice?",
  "Thanks, that fixed it!",
  "The export button does nothing on Safari.",
  "Is there an API for this?",
  "We'd like to upgrade to the annual plan.",
  "Ça marche, merci beaucoup 🙏",
  "Ich habe eine Frage zur Rechnung.",
  "<b>Urgent</b>: checkout fails with error 502",
] as const;
