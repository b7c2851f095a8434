/**
 * `airbyte check --config`: CONNECTION_STATUS SUCCEEDED when the config is valid and the token is accepted by a
 * cheap authenticated call (GET /me), FAILED with the reason otherwise. Per the protocol a failed check is an
 * answer, not an error: the exit code is 0 either way.
 */
import { createApiClient } from "../../http/client.ts";
import { airbyteConnectionStatus, type AirbyteMessage } from "../../sinks/airbyte.ts";
import { TOOL_NAME, TOOL_VERSION } from "../../version.ts";
import { loadAirbyteConfig } from "./config.ts";

export async function airbyteCheck(configPath: string): Promise<AirbyteMessage> {
  try {
    const config = await loadAirbyteConfig(configPath);
    const client = createApiClient({
      baseUrl: config.baseUrl,
      token: config.token,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
      // A check should answer in seconds.
      maxAttempts: 2,
      timeoutMs: 20_000,
      retry: { maxRateLimitRetries: 1, backoffBaseMs: 500 },
    });
    await client.request({ method: "GET", path: "/me" });
    return airbyteConnectionStatus("SUCCEEDED");
  } catch (error) {
    return airbyteConnectionStatus("FAILED", error instanceof Error ? error.message : String(error));
  }
}
