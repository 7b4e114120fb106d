/** GetMetricData takes at most 500 queries per call (docs/aws-behaviour.md#getmetricdata-limits). Apart from the gateway, so that light modules can batch without loading the SDK. */
export const MAX_QUERIES_PER_CALL = 500
