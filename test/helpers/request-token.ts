import {expect} from 'vitest'

export {REQUEST_TAG} from '../../packages/cli/src/lib/aws/exactly-once.js'

/** The tag value apigw marks what it creates with (one run's token, a create's number). */
export const REQUEST_TOKEN = expect.stringMatching(/^[0-9a-f]{12}-\d+$/)
