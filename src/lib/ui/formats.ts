export const OUTPUT_FORMATS = ['json', 'yaml', 'table', 'text'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]
