import {acmScenarios} from './acm-scenarios.js'
import {apiPartScenarios} from './api-part-scenarios.js'
import {cloudWatchScenarios} from './cloudwatch-scenarios.js'
import {domainScenarios} from './domain-scenarios.js'
import {keyScenarios} from './key-scenarios.js'
import {logsScenarios} from './logs-scenarios.js'
import type {Scenario} from './probe.js'
import {regionScenarios} from './region-scenarios.js'
import {restAnswerScenarios} from './rest-answer-scenarios.js'
import {restApiScenarios} from './rest-api-scenarios.js'
import {tagScenarios} from './tag-scenarios.js'
import {v2TagScenarios} from './v2-tag-scenarios.js'
import {usagePlanScenarios} from './usage-plan-scenarios.js'
import {v2Scenarios} from './v2-scenarios.js'

export type {Scenario}

/**
 * Every behaviour the conformance suite checks, for the operations where moto (an implementation nobody
 * here wrote) answers as AWS does. Each runs the same way on moto and on the sandbox.
 */
export const scenarios: Scenario[] = [...restApiScenarios, ...restAnswerScenarios, ...apiPartScenarios, ...keyScenarios, ...usagePlanScenarios, ...tagScenarios, ...domainScenarios, ...cloudWatchScenarios, ...logsScenarios, ...acmScenarios, ...regionScenarios, ...v2Scenarios, ...v2TagScenarios]
