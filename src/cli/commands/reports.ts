/**
 * `intercom-sync reports`: the workspace's reporting datasets, each a `report_<id>` stream, with what it is for
 * and its attributes (the column each becomes, and the display name the export's CSV uses). Two requests.
 */
import { attributeColumn, columnKind, type ReportDataset } from "../../engine/reports/dataset.ts";
import { reportStreamName, reportVersion } from "../../engine/reports/report-settings.ts";
import { listDatasets } from "../../engine/reports/report-streams.ts";
import { connect } from "../../settings/connect.ts";
import { cliSettings } from "../connection/resolve-settings.ts";
import { EXIT } from "../exit-codes.ts";
import { createLogger } from "../report/logger.ts";
import type { CliCommand } from "../args/parser.ts";

type ReportsCommand = Extract<CliCommand, { command: "reports" }>;

export async function reportsCommand(options: ReportsCommand, write: (text: string) => void): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const settings = cliSettings(options, logger);
  const { client } = connect(settings, { retries: "check", handleSignals: false });
  await client.request({ method: "GET", path: "/me", connectionCheck: true });
  const datasets = await listDatasets(client, reportVersion(settings.intercomVersion));
  write(options.json ? `${JSON.stringify(datasets.map(describe), null, 2)}\n` : formatReports(datasets));
  return EXIT.ok;
}

function describe(dataset: ReportDataset) {
  return {
    stream: reportStreamName(dataset.id),
    dataset: dataset.id,
    name: dataset.name,
    description: dataset.description,
    time_attribute: dataset.default_time_attribute_id,
    attributes: dataset.attributes.map((a) => ({
      column: attributeColumn(dataset, a),
      id: a.id,
      ...(a.qualified_id ? { qualified_id: a.qualified_id } : {}),
      name: a.name,
      type: columnKind(a.id),
    })),
  };
}

export function formatReports(datasets: readonly ReportDataset[]): string {
  const lines: string[] = [];
  for (const dataset of datasets) {
    lines.push(`${reportStreamName(dataset.id)}  ${dataset.name}: ${dataset.description}`);
    for (const a of dataset.attributes) {
      lines.push(`    ${attributeColumn(dataset, a).padEnd(36)} ${columnKind(a.id).padEnd(8)} ${a.name}`);
    }
    lines.push("");
  }
  lines.push(`${datasets.length} datasets. Export them with --streams reports (all) or --streams report_<dataset>,…`);
  return `${lines.join("\n")}\n`;
}
