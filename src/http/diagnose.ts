/**
 * Why the run's first request failed, said as the configuration mistake it almost always is: which URL, what
 * went wrong, and which setting to change. Used only for the connection check (ApiRequest.connectionCheck): once
 * a request has gone through, the same failures mean a flaky network or Intercom, and are retried.
 * @example
 * throw cannotConnect("GET http://127.0.0.1:1/me", new TypeError("ECONNREFUSED: Unable to connect"));
 * // ConfigError: GET http://127.0.0.1:1/me: nothing accepted the connection (…). Check the API address: …
 */
import { formatSeconds } from "./format.ts";
import { ConfigError } from "../errors.ts";

/** Where the API address comes from, in order of precedence (see resolveBaseUrl). */
const CHECK_ADDRESS = "Check the API address: --base-url, else INTERCOM_BASE_URL, else --region (us, eu or au)";

/** The request could not be sent or its connection failed: refused, DNS, TLS, reset… */
export function cannotConnect(where: string, error: unknown): ConfigError {
  const text = describe(error);
  if (/CERT|SSL|TLS|certificate|handshake|UnknownIssuer/i.test(text)) {
    return new ConfigError(
      `${where}: the server's TLS certificate was not accepted (${text}). ${CHECK_ADDRESS}. If a proxy or gateway ` +
        `with a private certificate authority sits in between, set NODE_EXTRA_CA_CERTS to that authority's PEM file.`,
    );
  }
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME|getaddrinfo|dns error|failed to lookup|not known/i.test(text)) {
    return new ConfigError(`${where}: the host name could not be resolved (${text}). ${CHECK_ADDRESS}, and this machine's DNS.`);
  }
  if (/ECONNREFUSED|connection refused/i.test(text)) {
    return new ConfigError(
      `${where}: nothing accepted the connection (${text}). ${CHECK_ADDRESS}; a proxy or test server there may not be running.`,
    );
  }
  if (/header/i.test(text)) {
    return new ConfigError(
      `${where}: a header was refused before sending (${text}). Check INTERCOM_ACCESS_TOKEN (or --token) and --intercom-version for stray characters.`,
    );
  }
  return new ConfigError(
    `${where}: could not reach the server (${text}). ${CHECK_ADDRESS}, and the network; if both are right, Intercom may be down (https://www.intercomstatus.com).`,
  );
}

export function noAnswer(where: string, timeoutMs: number): ConfigError {
  return new ConfigError(
    `${where}: no answer within ${formatSeconds(timeoutMs)}. ${CHECK_ADDRESS}, and the network (a firewall may drop the ` +
      `connection); on a slow network or proxy, raise --request-timeout.`,
  );
}

/** A 2xx whose body is not JSON: a web server, captive portal or proxy page rather than Intercom's API. */
export function notJson(where: string, status: number, contentType: string | null, preview: string): ConfigError {
  const kind = contentType ? contentType.split(";")[0]!.trim() : "a body";
  return new ConfigError(
    `${where}: answered HTTP ${status} with ${kind} that is not JSON (${preview}), so this is not Intercom's API ` +
      `(a web server, proxy or login page?). ${CHECK_ADDRESS}.`,
  );
}

/** Statuses GET /me only gets when the address or a header is wrong; null for the others. */
export function wrongAnswer(
  where: string,
  status: number,
  detail: { said?: string; location?: string; intercomVersion: string },
): ConfigError | null {
  const said = detail.said ? ` (${detail.said})` : "";
  if (status >= 300 && status < 400) {
    const target = detail.location ? ` to ${detail.location}` : "";
    return new ConfigError(
      `${where}: redirected${target} (HTTP ${status}); Intercom's API never redirects, so the address is wrong or ` +
        `needs https://. ${CHECK_ADDRESS}.`,
    );
  }
  if (status === 404 || status === 405) {
    return new ConfigError(
      `${where}: HTTP ${status}${said}: there is no Intercom API at this address (a wrong host or path prefix?). ${CHECK_ADDRESS}.`,
    );
  }
  if (status === 400) {
    return new ConfigError(
      `${where}: HTTP 400${said}. This request has no parameters, so a header was refused: check --intercom-version ` +
        `(now ${JSON.stringify(detail.intercomVersion)}; versions look like 2.11) and INTERCOM_ACCESS_TOKEN.`,
    );
  }
  return null;
}

/** The error's code, message and cause in one line: runtimes put the useful part in different places. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 3; depth++) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && !current.message.includes(code)) parts.push(code);
    if (current.message && !parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  return parts.join(": ").slice(0, 300) || "no detail";
}
