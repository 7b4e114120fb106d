import {expect} from 'vitest'

/** The error a call failed with, as the SDK user sees it; the test fails if the call succeeds. */
export async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.fail('the call should have failed'),
    (error) => error,
  )
  return {name: error.name, status: error.$metadata?.httpStatusCode, message: error.message}
}
