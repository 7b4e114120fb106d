import {chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import {join} from 'node:path'

const SNAPSHOT = 'state.json'
const JOURNAL = 'journal.ndjson'
const STATE_VERSION = 1
/** The journal is folded into the snapshot once it grows past this. */
const COMPACT_AT_BYTES = 16 * 1024 * 1024

type Table = Map<string, unknown>

const OWNER_ONLY = 0o600
/** `state.json.<pid>.tmp`: a snapshot being written. */
const SNAPSHOT_TEMPORARY = /^state\.json\.\d+\.tmp$/

/** Only one sandbox opens a state directory at a time, so a snapshot temp file found at open is a crash's leftover. */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) if (SNAPSHOT_TEMPORARY.test(name)) rmSync(join(dir, name), {force: true})
}

/**
 * The sandbox's state: named tables of JSON records, kept in memory.
 *
 * With a state directory, every change is appended to a journal before the request that made it
 * is answered, so a killed sandbox loses nothing it acknowledged; at start (and when the journal
 * grows large) the journal is folded into a snapshot written atomically (temp file, fsync, rename).
 * The files hold API key values: they are the owner's alone (0600, in a 0700 folder when the
 * store makes it), and a temp file a crash left behind is removed at the next open.
 */
export class Store {
  private tables = new Map<string, Table>()
  private journalFd: number | undefined
  private journalBytes = 0

  private constructor(private readonly dir: string | undefined) {}

  /** A store held in memory only. */
  static memory(): Store {
    return new Store(undefined)
  }

  /** A store persisted in `dir`, loading what an earlier sandbox left there. */
  static open(dir: string): Store {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    removeStaleTemporaries(dir)
    const store = new Store(dir)
    store.load()
    store.compact()
    return store
  }

  get<T>(table: string, id: string): T | undefined {
    return this.tables.get(table)?.get(id) as T | undefined
  }

  /** Every record of a table, in insertion order. */
  all<T>(table: string): T[] {
    return [...(this.tables.get(table)?.values() ?? [])] as T[]
  }

  /** Records whose id starts with `prefix`, e.g. every stage of one API ("<apiId>/"). */
  withPrefix<T>(table: string, prefix: string): T[] {
    const found: T[] = []
    for (const [id, value] of this.tables.get(table) ?? []) if (id.startsWith(prefix)) found.push(value as T)
    return found
  }

  count(table: string): number {
    return this.tables.get(table)?.size ?? 0
  }

  /** Stores (or replaces) a record; records are plain JSON and are persisted as they are now. */
  put<T>(table: string, id: string, value: T): T {
    this.table(table).set(id, value)
    this.record([table, id, value])
    return value
  }

  delete(table: string, id: string): boolean {
    const existed = this.tables.get(table)?.delete(id) ?? false
    if (existed) this.record([table, id, null])
    return existed
  }

  /** Forgets everything, on disk too. */
  clear(): void {
    this.tables = new Map()
    this.compact()
  }

  close(): void {
    if (this.journalFd !== undefined) closeSync(this.journalFd)
    this.journalFd = undefined
  }

  summary(): Record<string, number> {
    return Object.fromEntries([...this.tables].map(([name, table]) => [name, table.size]))
  }

  private table(name: string): Table {
    let table = this.tables.get(name)
    if (!table) this.tables.set(name, (table = new Map()))
    return table
  }

  private record(change: [string, string, unknown]): void {
    if (this.journalFd === undefined) return
    const line = JSON.stringify(change) + '\n'
    this.journalBytes += writeSync(this.journalFd, line)
    if (this.journalBytes > COMPACT_AT_BYTES) this.compact()
  }

  private load(): void {
    const snapshotPath = join(this.dir!, SNAPSHOT)
    if (existsSync(snapshotPath)) {
      const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as {version: number; tables: Record<string, [string, unknown][]>}
      if (snapshot.version !== STATE_VERSION) throw new Error(`${snapshotPath} has state version ${snapshot.version}; this sandbox reads version ${STATE_VERSION}`)
      for (const [name, rows] of Object.entries(snapshot.tables)) this.tables.set(name, new Map(rows))
    }
    const journalPath = join(this.dir!, JOURNAL)
    if (!existsSync(journalPath)) return
    for (const line of readFileSync(journalPath, 'utf8').split('\n')) {
      // A line cut short by a crash was never acknowledged: skip it.
      let change: [string, string, unknown]
      try {
        change = JSON.parse(line)
      } catch {
        continue
      }
      const [table, id, value] = change
      if (value === null) this.tables.get(table)?.delete(id)
      else this.table(table).set(id, value)
    }
  }

  /** Writes the whole state as a new snapshot and starts an empty journal. */
  private compact(): void {
    if (!this.dir) return
    const tables = Object.fromEntries([...this.tables].map(([name, table]) => [name, [...table]]))
    const snapshotPath = join(this.dir, SNAPSHOT)
    const temporary = `${snapshotPath}.${process.pid}.tmp`
    const fd = openSync(temporary, 'w', OWNER_ONLY)
    writeSync(fd, JSON.stringify({version: STATE_VERSION, tables}))
    fsyncSync(fd)
    closeSync(fd)
    renameSync(temporary, snapshotPath)
    this.close()
    const journalPath = join(this.dir, JOURNAL)
    this.journalFd = openSync(journalPath, 'w', OWNER_ONLY)
    // A journal made by an older sandbox may have been readable by others.
    chmodSync(journalPath, OWNER_ONLY)
    this.journalBytes = statSync(journalPath).size
  }
}
