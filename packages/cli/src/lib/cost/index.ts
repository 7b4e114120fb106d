/**
 * What an API's traffic and cache clusters cost, from CloudWatch and a price table (`apigw cost`).
 * The public door of lib/cost: code outside this folder imports from here, never from its files.
 */
export type {ApiCost, CostReport, FleetCostReport} from './cost.js'
export {parsePrices, tiered} from './prices.js'
export type {Prices, Tier} from './prices.js'
export {US_EAST_1} from './prices-us-east-1.js'

// Loaded on demand: only `apigw cost` reads costs.
export const loadCost = () => import('./cost.js')
