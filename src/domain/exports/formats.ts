/** The formats the ledger exports its cases in: EU Transparency Database statements, Lumen notices, CSV. */
export const EXPORT_FORMATS = ['tdb', 'lumen', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
