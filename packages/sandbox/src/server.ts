import {randomBytes, randomUUID} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import {ACM_TARGET, acmErrorResponse} from './acm/service.js'
import {realClock, type Clock} from './clock.js'
import type {CloudWatchProtocol} from './cloudwatch/service.js'
import type {SandboxContext} from './context.js'
import {controlRoutes, type ControlHooks} from './control.js'
import {MAX_LATENCY_MS, NO_FAULTS, pickFault, strikeCall, type Faults, type LostAnswer} from './faults.js'
import {isLoopbackName, refusal} from './guard.js'
import {LOGS_TARGET, logsErrorResponse} from './logs/service.js'
import {AwsServiceError, MAX_BODY_BYTES, payloadTooLarge, Router, type SandboxRequest, type SandboxResponse} from './http.js'
import {operationOfRequest, WRITE_OPERATIONS} from './operations.js'
import {DEFAULT_REGION, regionOfRequest} from './region.js'
import {Regions} from './regions.js'
import type {RuntimeInfo} from './runtime-file.js'
import {Store} from './store.js'
import {isStsRequest, stsService} from './sts/service.js'

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** A loopback address to listen on (default 127.0.0.1). */
  host?: string
  /** Where state persists; without one, state lives in memory only. */
  stateDir?: string
  clock?: Clock
  /** How long cache clusters take to be created, deleted and flushed (default 3 s). */
  transitionDelayMs?: number
  faults?: Faults
  /** A client must send its request headers within this (default 10 s) … */
  headersTimeoutMs?: number
  /** … and its whole request within this (default 60 s), or it is answered 408 and cut off. */
  requestTimeoutMs?: number
}

export interface Sandbox {
  endpoint: string
  port: number
  /** The default region's context; `regions` has every region's. */
  context: SandboxContext
  regions: Regions
  faults: Faults
  /** The secret a caller of the /_sandbox/ endpoints sends in the x-apigw-sandbox-token header. */
  token: string
  /** When the last request arrived (epoch ms), for stopping an idle sandbox. */
  lastRequestAt: number
  /** What it wrote into its state directory's runtime file (sandbox.json); none without a state directory. */
  runtime?: RuntimeInfo
  /** Resolves once the server has stopped (after `stop`, or a shutdown request). */
  closed: Promise<void>
  /** Stops serving and frees the port; calls still running get a moment to answer. */
  stop(): Promise<void>
}

const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801.'
const CLOUDWATCH_CBOR_PATH = /^\/service\/GraniteServiceVersion20100801\/operation\/(\w+)$/
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** How long stopping waits for calls still running before cutting them off. */
const CLOSE_GRACE_MS = 1000

type Service = 'apigateway' | 'apigatewayv2' | 'sts' | 'control' | 'logs' | 'acm' | CloudWatchProtocol

/** Serves a sandbox on a loopback address (never another interface). */
export async function serve(options: ServerOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackName(host)) throw new Error(`The sandbox listens on a loopback address only (127.0.0.1, ::1 or localhost); got host "${host}".`)
  const store = options.stateDir ? Store.open(options.stateDir) : Store.memory()
  const context: SandboxContext = {
    store,
    clock: options.clock ?? realClock,
    transitionDelayMs: options.transitionDelayMs ?? 3000,
    region: DEFAULT_REGION,
    accountId: '123456789012',
    newId: (length) => [...randomBytes(length)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join(''),
    stubs: {},
  }
  const regions = new Regions(context)
  const sts = stsService(context)
  let sandbox: Sandbox
  const hooks: ControlHooks = {
    sandbox: () => sandbox,
    shutdown: () => void sandbox.stop(),
  }
  const control = controlRoutes(context, regions, hooks)

  const token = randomBytes(24).toString('base64url')
  const headersTimeout = options.headersTimeoutMs ?? 10_000
  const requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs ?? 60_000)
  // Slow clients are cut off (Node checks at connectionsCheckingInterval), so none can wedge the sandbox.
  const server: Server = createServer({headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout)}, (incoming, outgoing) => {
    handle(incoming, outgoing).catch((error) => {
      // Nothing one request does may stop the sandbox: answer 500 if still possible, else drop it.
      console.error(error)
      if (outgoing.headersSent) incoming.socket.destroy()
      else write(outgoing, restError(internalFailure(error)))
    })
  })
  server.on('clientError', answerClientError)
  // Connections kept alive between calls must not hold the process open at shutdown.
  server.keepAliveTimeout = 5000

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const head = requestHead(incoming)
    const service = serviceOf(head)
    const refused = refusal(incoming.headers, service === 'control', token)
    if (refused) return write(outgoing, thenClose(errorResponse(service, refused)))
    const body = await readBody(incoming)
    // A client that went away mid-upload gets no answer; a body over the limit is not read.
    if (body === 'aborted') return
    if (body === 'too-large') return write(outgoing, thenClose(errorResponse(service, payloadTooLarge())))
    const request: SandboxRequest = {...head, body}
    sandbox.lastRequestAt = context.clock.now()
    let lost: LostAnswer | undefined
    let response: SandboxResponse
    try {
      const operation = service === 'control' ? undefined : service === 'sts' ? sts.operation(request) : operationOf(service, request)
      if (service !== 'control') {
        const fault = await injectFault(sandbox, operation, context.clock)
        if (fault === 'reset') return void incoming.socket.destroy()
        if (fault) throw fault
        lost = strikeLost(sandbox, operation, context.clock)
      }
      if (service === 'sts') response = sts.handle(request)
      else if (service === 'control') response = await route(control, request)
      else {
        // API Gateway, CloudWatch and ACM answer from the state of the region the request was signed for.
        const region = regions.of(regionOfRequest(request.headers))
        if (service === 'json' || service === 'cbor') response = await region.cloudWatch.handle(service, operation!, request)
        else if (service === 'logs') response = region.logs.handle(operation!, request)
        else if (service === 'acm') response = region.acm.handle(operation!, request)
        else response = await route(service === 'apigatewayv2' ? region.v2 : region.rest, request)
      }
    } catch (error) {
      response = errorResponse(service, error)
    }
    // The call has taken effect (and is in the journal); only its answer is lost.
    if (lost === 'reset') return void incoming.socket.destroy()
    if (lost === 'timeout') return holdUntilClientGivesUp(incoming.socket)
    write(outgoing, lost === '503' ? errorResponse(service, unavailable()) : response)
  }

  function errorResponse(service: Service, error: unknown): SandboxResponse {
    if (!(error instanceof AwsServiceError)) console.error(error)
    const failure = error instanceof AwsServiceError ? error : internalFailure(error)
    if (service === 'sts') return sts.errorResponse(failure)
    if (service === 'logs') return logsErrorResponse(failure)
    if (service === 'acm') return acmErrorResponse(failure)
    return service === 'json' || service === 'cbor' ? regions.of(DEFAULT_REGION).cloudWatch.errorResponse(service, failure) : restError(failure)
  }

  /** A `lost=…:timeout` call: no answer, until the client gives up (or MAX_LATENCY_MS, or the sandbox stops). */
  const held = new Set<Socket>()
  function holdUntilClientGivesUp(socket: Socket): void {
    held.add(socket)
    const timer = setTimeout(() => socket.destroy(), MAX_LATENCY_MS)
    timer.unref()
    socket.once('close', () => {
      clearTimeout(timer)
      held.delete(socket)
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  }).catch((error) => {
    // Not listening (the port is taken): nothing may keep the state directory's journal open.
    store.close()
    throw error
  })
  const {port} = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  let markClosed!: () => void
  const closed = new Promise<void>((resolve) => (markClosed = resolve))
  sandbox = {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    context,
    regions,
    faults: options.faults ?? {...NO_FAULTS},
    token,
    lastRequestAt: context.clock.now(),
    closed,
    stop() {
      closing ??= new Promise<void>((resolve) => {
        // Calls still running (one slowed by a latency fault) get a moment to answer, then are cut off.
        const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS)
        server.close(() => {
          clearTimeout(cutOff)
          store.close()
          markClosed()
          resolve()
        })
        server.closeIdleConnections()
        for (const socket of held) socket.destroy()
      })
      return closing
    },
  }
  return sandbox
}

function serviceOf(request: RequestHead): Service {
  if (request.path.startsWith('/_sandbox/')) return 'control'
  if (String(request.headers['x-amz-target'] ?? '').startsWith(CLOUDWATCH_TARGET)) return 'json'
  if (String(request.headers['x-amz-target'] ?? '').startsWith(LOGS_TARGET)) return 'logs'
  if (String(request.headers['x-amz-target'] ?? '').startsWith(ACM_TARGET)) return 'acm'
  if (CLOUDWATCH_CBOR_PATH.test(request.path)) return 'cbor'
  if (request.path.startsWith('/v2/')) return 'apigatewayv2'
  if (isStsRequest(request)) return 'sts'
  return 'apigateway'
}

async function route(router: Router, request: SandboxRequest): Promise<SandboxResponse> {
  const match = router.match(request.method, request.path)
  if ('handler' in match) return match.handler(request, match.params)
  if (match.pathMatched) throw new AwsServiceError(405, 'MethodNotAllowedException', `${request.method} is not supported on ${request.path}`)
  throw new AwsServiceError(404, 'NotFoundException', `No operation matches ${request.method} ${request.path}`)
}

/** The AWS operation a request calls: named on the wire by CloudWatch and CloudWatch Logs, found from the route for API Gateway. */
function operationOf(service: Exclude<Service, 'control' | 'sts'>, request: SandboxRequest): string | undefined {
  if (service === 'json') return String(request.headers['x-amz-target']).slice(CLOUDWATCH_TARGET.length)
  if (service === 'logs') return String(request.headers['x-amz-target']).slice(LOGS_TARGET.length)
  if (service === 'acm') return String(request.headers['x-amz-target']).slice(ACM_TARGET.length)
  if (service === 'cbor') return CLOUDWATCH_CBOR_PATH.exec(request.path)![1]
  return operationOfRequest(service, request)
}

const unavailable = () => new AwsServiceError(503, 'ServiceUnavailableException', 'Service Unavailable')

/** The faults that strike a call before it takes effect (after its latency): a throttle, a 503 or a reset. */
async function injectFault(sandbox: Sandbox, operation: string | undefined, clock: Clock): Promise<AwsServiceError | 'reset' | undefined> {
  const delay = sandbox.faults.latencyMs + (operation === undefined ? 0 : (sandbox.faults.operationLatencyMs[operation] ?? 0))
  if (delay > 0) await clock.sleep(delay)
  const {faults} = sandbox
  if (operation !== undefined && faults.fail.length > 0) {
    const strike = strikeCall(faults.fail, operation)
    sandbox.faults = {...faults, fail: strike.remaining}
    if (strike.struck) return unavailable()
  }
  switch (pickFault(faults, clock.random())) {
    case 'throttle':
      return new AwsServiceError(429, 'TooManyRequestsException', 'Too Many Requests', {'retry-after': '1'})
    case 'error':
      return unavailable()
    case 'reset':
      return 'reset'
    default:
      return undefined
  }
}

/** Whether a call about to take effect loses its answer afterwards, and how (`lost=` faults). */
function strikeLost(sandbox: Sandbox, operation: string | undefined, clock: Clock): LostAnswer | undefined {
  if (operation === undefined) return undefined
  const {faults} = sandbox
  if (faults.lost.length > 0) {
    const strike = strikeCall(faults.lost, operation)
    sandbox.faults = {...faults, lost: strike.remaining}
    if (strike.struck) return strike.struck.answer
  }
  if (faults.lostShare > 0 && WRITE_OPERATIONS.has(operation) && clock.random() < faults.lostShare) return faults.lostShareAnswer
  return undefined
}

const internalFailure = (error: unknown) => new AwsServiceError(500, 'InternalFailure', error instanceof Error ? error.message : String(error))

/** An answer after which the connection closes: what is left of the request is never read. */
const thenClose = (response: SandboxResponse): SandboxResponse => ({...response, headers: {...response.headers, connection: 'close'}})

function restError(error: AwsServiceError): SandboxResponse {
  return {status: error.status, body: {message: error.message}, headers: {'x-amzn-errortype': error.type, ...error.headers}}
}

type RequestHead = Omit<SandboxRequest, 'body'>

function requestHead(incoming: IncomingMessage): RequestHead {
  const url = incoming.url ?? '/'
  const queryAt = url.indexOf('?')
  return {
    method: incoming.method ?? 'GET',
    path: queryAt === -1 ? url : url.slice(0, queryAt),
    query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
    headers: incoming.headers,
  }
}

/** The whole body; 'too-large' past MAX_BODY_BYTES (declared or sent), 'aborted' if the client reset mid-upload. */
function readBody(incoming: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  if (Number(incoming.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve('too-large')
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
      if (size <= MAX_BODY_BYTES) return
      incoming.off('data', onData)
      incoming.pause()
      resolve('too-large')
    }
    incoming.on('data', onData)
    incoming.once('end', () => resolve(Buffer.concat(chunks)))
    incoming.once('error', () => resolve('aborted'))
    incoming.once('close', () => incoming.complete || resolve('aborted'))
  })
}

const CLIENT_ERROR_STATUS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
}

/** A request Node could not parse, or one too slow: a short answer if the socket still takes one, then close. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy()
  const [status, reason] = CLIENT_ERROR_STATUS[error.code ?? ''] ?? [400, 'Bad Request']
  const body = JSON.stringify({message: `${reason}: ${error.code ?? error.message}`})
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json\r\nx-amzn-errortype: BadRequestException\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

function write(outgoing: ServerResponse, response: SandboxResponse): void {
  const headers: Record<string, string> = {'x-amzn-requestid': randomUUID(), ...response.headers}
  let payload: Buffer | string | undefined
  if (response.body === undefined) payload = undefined
  else if (Buffer.isBuffer(response.body) || typeof response.body === 'string') payload = response.body
  else {
    payload = JSON.stringify(response.body)
    headers['content-type'] ??= 'application/json'
  }
  headers['content-length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload))
  outgoing.writeHead(response.status, headers)
  outgoing.end(payload)
}
