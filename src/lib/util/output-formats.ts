export const OUTPUT_FORMATS = ['json', 'yaml', 'table', 'text', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]
