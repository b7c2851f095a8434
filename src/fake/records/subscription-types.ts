/** Subscription types (email and SMS opt-in/opt-out topics) with their translations. */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";

const TOPICS = ["Newsletters", "Product updates", "Offers", "Event invitations", "SMS alerts"] as const;
const STATES = ["live", "live", "draft", "archived"] as const;

export function subscriptionTypeId(i: number): string {
  return numericId(ID_BASE.subscriptionType, i);
}

export function subscriptionType(ctx: GenContext, i: number): Rec {
  const topic = TOPICS[i % TOPICS.length]!;
  const name = i < TOPICS.length ? topic : `${topic} ${Math.floor(i / TOPICS.length) + 1}`;
  const english = { name, description: `${name} from us, now and then`, locale: "en" };
  const translations = [english, ...(i % 2 === 0 ? [{ name: `${name} (fr)`, description: `${name}, de temps en temps`, locale: "fr" }] : [])];
  return {
    type: "subscription",
    id: subscriptionTypeId(i),
    state: STATES[hash(ctx.seed, KIND.subscriptionType, i) % STATES.length],
    default_translation: english,
    translations,
    consent_type: i % 3 === 1 ? "opt_in" : "opt_out",
    content_types: topic === "SMS alerts" ? ["sms_message"] : ["email"],
  };
}
