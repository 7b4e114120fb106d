/** The formats apigw prints results in (`--output`): lib reads them too, to check a profile's `output` setting. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'table', 'text', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]
