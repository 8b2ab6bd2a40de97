/**
 * CSV for regulators' spreadsheets (RFC 4180): a header row, comma-separated, CRLF line ends, fields
 * quoted when they hold a comma, a quote or a line break, times as ISO 8601 in UTC. Every row ends
 * with the log size and checkpoint root the export reflects, so any row can be checked against the log.
 */
export const CSV_TABLES = ['cases', 'obligations'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const CSV_HEADERS: Record<CsvTable, string[]> = {
  cases: ['case', 'provider', 'notifier', 'user', 'pack', 'phase', 'opened_at', 'last_act_at', 'acts', 'protection'],
  obligations: ['case', 'provider', 'pack', 'key', 'party', 'basis', 'source', 'window_from', 'due_by', 'met_at', 'status', 'note'],
};

/** A value as one CSV field; spreadsheet formulas are neutralised (a leading =, +, - or @ gets a quote mark). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvHeader(table: CsvTable): string {
  return csvRow([...CSV_HEADERS[table], 'log_size', 'checkpoint_root']);
}
