import type {Prices} from './prices.js'

/**
 * API Gateway's published prices in us-east-1 (USD), from https://aws.amazon.com/api-gateway/pricing/
 * as apigw's authors knew them in June 2025: written without network access, so check them there;
 * other regions differ a little (--prices takes a file of the same shape, docs/fleet.md#cost).
 * Tiers are per account and region per month (docs/aws-behaviour.md#api-gateway-prices-requests-in-monthly-tiers): `upTo` is the month's cumulative count where a tier
 * ends (null: no end), `perMillion` its price per million units.
 */
export const US_EAST_1: Prices = {
  source: 'https://aws.amazon.com/api-gateway/pricing/',
  date: '2025-06',
  region: 'us-east-1',
  rest: {
    requests: [
      {upTo: 333_000_000, perMillion: 3.5},
      {upTo: 1_000_000_000, perMillion: 2.8},
      {upTo: 20_000_000_000, perMillion: 2.38},
      {upTo: null, perMillion: 1.51},
    ],
  },
  // Metered in 512 KB units: a request of 1.2 MB counts as three.
  http: {requests: [{upTo: 300_000_000, perMillion: 1.0}, {upTo: null, perMillion: 0.9}]},
  websocket: {
    // Metered in 32 KB units.
    messages: [{upTo: 1_000_000_000, perMillion: 1.0}, {upTo: null, perMillion: 0.8}],
    connectionMinutes: [{upTo: null, perMillion: 0.25}],
  },
  cacheHourly: {'0.5': 0.02, '1.6': 0.038, '6.1': 0.2, '13.5': 0.25, '28.4': 0.5, '58.2': 1.0, '118': 1.9, '237': 3.8},
}
