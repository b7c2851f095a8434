/**
 * `airbyte check --config`: CONNECTION_STATUS SUCCEEDED when the config is valid and the token is accepted by a
 * cheap authenticated call (GET /me), FAILED with the reason otherwise. Per the protocol a failed check is an
 * answer, not an error: the exit code is 0 either way.
 */
import { connect } from "../../settings/connect.ts";
import { airbyteConnectionStatus, type AirbyteMessage } from "../../sinks/airbyte.ts";
import { loadAirbyteConfig } from "./config.ts";

export async function airbyteCheck(configPath: string): Promise<AirbyteMessage> {
  try {
    const settings = await loadAirbyteConfig(configPath);
    // A check should answer in seconds: the check retry policy, and 20 s for an answer rather than a run's 60.
    const { client } = connect({ ...settings, requestTimeoutSeconds: 20 }, { retries: "check", handleSignals: false });
    await client.request({ method: "GET", path: "/me" });
    return airbyteConnectionStatus("SUCCEEDED");
  } catch (error) {
    return airbyteConnectionStatus("FAILED", error instanceof Error ? error.message : String(error));
  }
}
