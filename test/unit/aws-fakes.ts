/** An error shaped like the ones the AWS SDK throws for a service's answer. */
export function awsError(name: string, message: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {name, $fault: status >= 500 ? 'server' : 'client', $metadata: {httpStatusCode: status}, ...extra})
}

export const throttled = (retryAfterSeconds?: string) => awsError('TooManyRequestsException', 'Too Many Requests', 429, {retryAfterSeconds})
export const notFound = (message = 'Invalid API identifier specified') => awsError('NotFoundException', message, 404)
