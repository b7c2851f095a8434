/**
 * `intercom-sync airbyte …`: the Airbyte source protocol. stdout carries only protocol messages, one per line;
 * every failure becomes a TRACE ERROR there (and exit 1), so the platform can show it.
 */
import type { InferValue } from "@optique/core/parser";
import { runtime } from "../../runtime/mod.ts";
import { airbyteCatalog, airbyteLogMessage, type AirbyteMessage, airbyteSpecMessage } from "../../sinks/airbyte.ts";
import { reportStreamInfos } from "../report-catalog.ts";
import { loadReportConfig } from "../report-config.ts";
import { STREAMS } from "../../streams/catalog.ts";
import { createMessageWriter } from "../message-writer.ts";
import { AIRBYTE_DELETED_AT } from "../deleted-field.ts";
import { asProtocolInfo, protocolStreamInfo } from "../stream-info.ts";
import { airbyteCheck } from "./check.ts";
import { CONNECTION_SPECIFICATION, loadAirbyteConfig } from "./config.ts";
import { traceFor } from "./errors.ts";
import type { airbyteParser } from "./parser.ts";
import { airbyteRead } from "./read.ts";

export type AirbyteCommand = InferValue<typeof airbyteParser>;

export async function airbyteCommand(options: AirbyteCommand): Promise<number> {
  const out = createMessageWriter(runtime.stdout());
  try {
    const action = options.action;
    switch (action.name) {
      case "spec":
        await out.write([airbyteSpecMessage(CONNECTION_SPECIFICATION)]);
        return 0;
      case "check":
        await out.write([await airbyteCheck(action.config)]);
        return 0;
      case "discover": {
        const settings = await loadAirbyteConfig(action.config);
        const logs: AirbyteMessage[] = [];
        const { attributes } = await loadReportConfig(action.config);
        const reports = await reportStreamInfos(settings, (message) => logs.push(airbyteLogMessage("WARN", message)), attributes);
        const infos = [
          ...STREAMS.map((stream) => protocolStreamInfo(stream, AIRBYTE_DELETED_AT)),
          ...reports.map((info) => asProtocolInfo(info, AIRBYTE_DELETED_AT)),
        ];
        await out.write([...logs, airbyteCatalog(infos)]);
        return 0;
      }
      case "read":
        return await airbyteRead(action, out);
    }
  } catch (error) {
    await out.write([traceFor(error, Date.now())]).catch(() => {});
    return 1;
  } finally {
    await out.close();
  }
}
