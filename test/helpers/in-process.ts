import {Console} from 'node:console'
import fs from 'node:fs'
import {Readable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import type {CliResult} from './cli.js'

/**
 * The in-process tier: runs the built CLI (dist/cli/main.cjs, the same code bin/run.js starts) inside
 * the test process, as a process would see it: its own environment, argv, stdin, no TTY, stdout and
 * stderr captured, and the exit code it would exit with. A spawned process costs ~0.4 s of Node and
 * apigw start-up per call; this costs a few milliseconds once the bundle is loaded.
 *
 * Everything a run changes in the process is put back when it ends, and runs take turns (a process
 * global cannot belong to two runs at once), so one test's environment or exit code never leaks into
 * the next. What it cannot stand in for: signals (Ctrl-C), a real TTY, two commands truly at once,
 * start-up itself and the bundle's bin/run.js: those tests spawn (./cli.ts, spawnCli).
 */

const BIN = new URL('../../packages/cli/bin/run.js', import.meta.url)
const MAIN = new URL('../../packages/cli/dist/cli/main.cjs', import.meta.url)
const ROOT = fileURLToPath(new URL('../../packages/cli/', import.meta.url))
/** Listeners a run may add, removed again after it: Ctrl-C handlers, oclif's flush() waiting for a drain, apigw's broken-pipe guard. */
const EVENTS = [
  [process, 'SIGINT'],
  [process, 'SIGTERM'],
  [process.stdout, 'drain'],
  [process.stdout, 'error'],
  [process.stderr, 'error'],
] as const
const STREAMS = [process.stdout, process.stderr]

export interface InProcessOptions {
  /** Piped to stdin; without it stdin is empty, as for a spawned process with stdin closed. */
  input?: string
  /** The working directory of the run (default: the test process's). */
  cwd?: string
}

let turn: Promise<unknown> = Promise.resolve()

/** Runs `apigw <args>` in this process with `env` as its whole environment; resolves to what a process would show. */
export function runInProcess(args: string[], env: Record<string, string>, options: InProcessOptions = {}): Promise<CliResult> {
  const run = turn.then(() => runAlone(args, env, options))
  turn = run.catch(() => {})
  return run
}

/** The process-wide state a run replaces, and puts back. */
function saveProcess() {
  const {env, argv, exitCode, exit} = process
  const console = globalThis.console
  const writes = {stdout: process.stdout.write, stderr: process.stderr.write}
  const {writeSync, fstatSync} = fs
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!
  const listeners = EVENTS.map(([emitter, event]) => [emitter, event, emitter.rawListeners(event)] as const)
  const ttys = STREAMS.map((stream) => [stream, Object.getOwnPropertyDescriptor(stream, 'isTTY')] as const)
  const cwd = process.cwd()
  return () => {
    for (const [stream, isTTY] of ttys) {
      if (isTTY) Object.defineProperty(stream, 'isTTY', isTTY)
      else delete (stream as {isTTY?: boolean}).isTTY
    }
    Object.assign(process, {env, argv, exitCode, exit})
    globalThis.console = console
    process.stdout.write = writes.stdout
    process.stderr.write = writes.stderr
    Object.assign(fs, {writeSync, fstatSync})
    Object.defineProperty(process, 'stdin', stdin)
    for (const [emitter, event, before] of listeners) {
      emitter.removeAllListeners(event)
      for (const listener of before) emitter.on(event, listener as (...args: unknown[]) => void)
    }
    if (process.cwd() !== cwd) process.chdir(cwd)
  }
}

/** A stream's write(), collecting what is written into `sink`. */
function capture(sink: {text: string}): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void) => {
    sink.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encodingOrDone === 'string' ? encodingOrDone : 'utf8')
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done
    if (callback) queueMicrotask(() => callback(null))
    return true
  }) as typeof process.stdout.write
}

/** fs.writeSync, collecting what is written to the file descriptors in `sinks`. */
function captureFds(writeSync: typeof fs.writeSync, sinks: Record<number, {text: string}>): typeof fs.writeSync {
  return ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    const sink = sinks[fd]
    if (!sink) return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest)
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const offset = typeof rest[0] === 'number' ? rest[0] : 0
    sink.text += bytes.subarray(offset).toString('utf8')
    return bytes.length - offset
  }) as typeof fs.writeSync
}

/** fs.fstatSync, answering for fds 1 and 2 as for pipes: no terminal. */
function notTerminals(fstatSync: typeof fs.fstatSync): typeof fs.fstatSync {
  return ((fd: number, ...rest: unknown[]) =>
    fd === 1 || fd === 2 ? {isCharacterDevice: () => false} : (fstatSync as (...args: unknown[]) => unknown)(fd, ...rest)) as typeof fs.fstatSync
}

async function runAlone(args: string[], env: Record<string, string>, options: InProcessOptions): Promise<CliResult> {
  const restore = saveProcess()
  const stdout = {text: ''}
  const stderr = {text: ''}
  let exited: number | undefined
  try {
    process.env = {...env}
    process.argv = [process.execPath, fileURLToPath(BIN), ...args]
    process.exitCode = undefined
    // oclif ends a run with process.exit(code) (its handle(), for this.exit() and its own errors) as
    // the last thing it does: here that is the run's exit code, and the run returns.
    process.exit = ((code?: number | string | null) => {
      exited ??= Number(code ?? process.exitCode ?? 0)
    }) as typeof process.exit
    process.stdout.write = capture(stdout)
    process.stderr.write = capture(stderr)
    // The entry point asks fds 1 and 2 themselves whether they are terminals, and writes help straight
    // to fd 1 (fast, no streams): here they are the captured pipes.
    Object.assign(fs, {writeSync: captureFds(fs.writeSync, {1: stdout, 2: stderr}), fstatSync: notTerminals(fs.fstatSync)})
    // Not a terminal, whatever the test runner's streams are (a TTY when vitest runs in one).
    for (const stream of STREAMS) Object.defineProperty(stream, 'isTTY', {configurable: true, writable: true, value: undefined})
    globalThis.console = new Console({stdout: process.stdout, stderr: process.stderr})
    // A byte stream, as a pipe is.
    const stdin = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)], {objectMode: false})
    Object.defineProperty(process, 'stdin', {configurable: true, enumerable: true, value: stdin})
    if (options.cwd) process.chdir(options.cwd)
    const {main} = (await import(MAIN.href)) as {main: (root: string) => Promise<void>}
    await main(ROOT)
    return {code: exited ?? Number(process.exitCode ?? 0), stdout: stdout.text, stderr: stderr.text}
  } finally {
    restore()
  }
}
