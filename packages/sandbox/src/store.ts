import {chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {upgradeMinute} from './cloudwatch/record.js'
import {minutesBySeries, minutesOf, type SeriesColumns} from './cloudwatch/snapshot.js'
import {TABLES, type MetricMinute} from './model.js'
import {DEFAULT_REGION} from './region.js'

const SNAPSHOT = 'state.json'
const JOURNAL = 'journal.ndjson'
/**
 * Version 3 stores metric minutes by series, in columns, each minute's distribution flat; version 2
 * kept regions apart; version 1 (one region's tables) is read as the default region's. Older
 * records are upgraded as they are read.
 */
const STATE_VERSION = 3
/** Records written by older sandboxes, brought to today's shape as they are read (snapshot or journal). */
const UPGRADES: Record<string, (record: unknown) => unknown> = {[TABLES.metricData]: (record) => upgradeMinute(record as MetricMinute)}
const upgraded = (table: string, record: unknown) => (Object.hasOwn(UPGRADES, table) ? UPGRADES[table](record) : record)
/** The journal is folded into the snapshot once it grows past this. */
const COMPACT_AT_BYTES = 16 * 1024 * 1024
/** Records written to a snapshot at a time. */
const SNAPSHOT_CHUNK = 2000

type Table = Map<string, unknown>
/** One region's tables, by name. */
type Tables = Map<string, Table>
/** A journal line: a record put (value) or deleted (null); lines written before regions had no region and are the default region's. */
type Change = [table: string, id: string, value: unknown, region?: string]

const OWNER_ONLY = 0o600
/** `state.json.<pid>.tmp`: a snapshot being written. */
const SNAPSHOT_TEMPORARY = /^state\.json\.\d+\.tmp$/

/** Only one sandbox opens a state directory at a time, so a snapshot temp file found at open is a crash's leftover. */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) if (SNAPSHOT_TEMPORARY.test(name)) rmSync(join(dir, name), {force: true})
}

/**
 * The sandbox's state: every region's named tables of JSON records, kept in memory.
 *
 * With a state directory, every change is appended to a journal before the request that made it
 * is answered, so a killed sandbox loses nothing it acknowledged; at start (and when the journal
 * grows large) the journal is folded into a snapshot written atomically (temp file, fsync, rename).
 * The files hold API key values: they are the owner's alone (0600, in a 0700 folder when the
 * store makes it), and a temp file a crash left behind is removed at the next open.
 */
class State {
  private readonly regions = new Map<string, Tables>()
  private readonly views = new Map<string, Store>()
  private journalFd: number | undefined
  private journalBytes = 0

  constructor(private readonly dir: string | undefined) {}

  /** One region's store; the same object for every call. */
  store(region: string): Store {
    let view = this.views.get(region)
    if (!view) this.views.set(region, (view = new Store(this, region, this.tables(region))))
    return view
  }

  /** The tables of a region, made empty on first use. */
  tables(region: string): Tables {
    let tables = this.regions.get(region)
    if (!tables) this.regions.set(region, (tables = new Map()))
    return tables
  }

  /** The regions that hold at least one record. */
  regionNames(): string[] {
    return [...this.regions].filter(([, tables]) => [...tables.values()].some((table) => table.size > 0)).map(([name]) => name)
  }

  /** Empties every region in place (stores handed out stay valid), on disk too. */
  clear(): void {
    for (const tables of this.regions.values()) tables.clear()
    for (const view of this.views.values()) view.changedAll()
    this.compact()
  }

  record(change: Change): void {
    if (this.journalFd === undefined) return
    const line = JSON.stringify(change) + '\n'
    this.journalBytes += writeSync(this.journalFd, line)
    if (this.journalBytes > COMPACT_AT_BYTES) this.compact()
  }

  close(): void {
    if (this.journalFd !== undefined) closeSync(this.journalFd)
    this.journalFd = undefined
  }

  /**
   * Reads the snapshot and the journal; true when a compaction is due: the journal is not empty (its
   * changes are folded in, and a line a crash cut short, which an append would run into, dropped),
   * or there is no snapshot yet.
   */
  load(): boolean {
    const snapshotPath = join(this.dir!, SNAPSHOT)
    if (existsSync(snapshotPath)) {
      const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as {version: number; tables?: SnapshotTables; regions?: Record<string, SnapshotTables>}
      if (snapshot.version === 1) this.loadTables(DEFAULT_REGION, snapshot.tables ?? {})
      else if (snapshot.version === 2) for (const [region, tables] of Object.entries(snapshot.regions ?? {})) this.loadTables(region, tables)
      else if (snapshot.version === STATE_VERSION) for (const [region, tables] of Object.entries(snapshot.regions ?? {})) this.loadTables(region, bySeriesRead(tables))
      else throw new Error(`${snapshotPath} has state version ${snapshot.version}; this sandbox reads versions 1 to ${STATE_VERSION}`)
    }
    const journalPath = join(this.dir!, JOURNAL)
    const journal = existsSync(journalPath) ? readFileSync(journalPath, 'utf8') : ''
    for (const line of journal.split('\n')) {
      // A line cut short by a crash was never acknowledged: skip it.
      let change: Change
      try {
        change = JSON.parse(line)
      } catch {
        continue
      }
      const [table, id, value, region = DEFAULT_REGION] = change
      const tables = this.tables(region)
      if (value === null) tables.get(table)?.delete(id)
      else tableOf(tables, table).set(id, upgraded(table, value))
    }
    return journal.length > 0 || !existsSync(snapshotPath)
  }

  /** Writes the whole state as a new snapshot and starts an empty journal. */
  compact(): void {
    if (!this.dir) return
    const snapshotPath = join(this.dir, SNAPSHOT)
    const temporary = `${snapshotPath}.${process.pid}.tmp`
    const fd = openSync(temporary, 'w', OWNER_ONLY)
    this.writeSnapshot(fd)
    fsyncSync(fd)
    closeSync(fd)
    renameSync(temporary, snapshotPath)
    this.openJournal('w')
  }

  /**
   * The snapshot's JSON, {"version":…,"regions":{region:{table:[[id,record],…]}}}, written a few
   * thousand records at a time: one string of the whole state would double the memory a large state
   * (a fleet's metric minutes) takes while it is written.
   */
  private writeSnapshot(fd: number): void {
    const write = (text: string) => writeSync(fd, text)
    write(`{"version":${STATE_VERSION},"regions":{`)
    ;[...this.regions].forEach(([region, tables], r) => {
      write(`${r > 0 ? ',' : ''}${JSON.stringify(region)}:{`)
      ;[...tables].forEach(([name, table], t) => {
        write(`${t > 0 ? ',' : ''}${JSON.stringify(name)}:[`)
        const rows: Iterable<unknown> = name === TABLES.metricData ? minutesBySeries(table.values() as Iterable<MetricMinute>) : table
        let [chunk, written] = [[] as string[], 0]
        const flush = () => {
          if (chunk.length > 0) write((written > 0 ? ',' : '') + chunk.join(','))
          written += chunk.length
          chunk = []
        }
        for (const row of rows) if (chunk.push(JSON.stringify(row)) === SNAPSHOT_CHUNK) flush()
        flush()
        write(']')
      })
      write('}')
    })
    write('}}')
  }

  /** Goes on from the snapshot as it is and the (empty) journal: both made the owner's alone, as a compaction would make them. */
  keepSnapshot(): void {
    // A snapshot made by an older sandbox may have been readable by others.
    chmodSync(join(this.dir!, SNAPSHOT), OWNER_ONLY)
    this.openJournal('a')
  }

  /** Starts writing the journal: empty ('w', after a compaction) or where it ends ('a'). */
  openJournal(flags: 'w' | 'a'): void {
    this.close()
    const journalPath = join(this.dir!, JOURNAL)
    this.journalFd = openSync(journalPath, flags, OWNER_ONLY)
    // A journal made by an older sandbox may have been readable by others.
    chmodSync(journalPath, OWNER_ONLY)
    this.journalBytes = statSync(journalPath).size
  }

  private loadTables(region: string, tables: SnapshotTables): void {
    const into = this.tables(region)
    for (const [name, rows] of Object.entries(tables)) into.set(name, new Map(Object.hasOwn(UPGRADES, name) ? rows.map(([id, record]) => [id, upgraded(name, record)]) : rows))
  }
}

type SnapshotTables = Record<string, [string, unknown][]>

/** A version 3 snapshot's tables as rows: its metricData is by series. */
function bySeriesRead(tables: SnapshotTables): SnapshotTables {
  const series = tables[TABLES.metricData] as unknown as SeriesColumns[] | undefined
  return series ? {...tables, [TABLES.metricData]: minutesOf(series)} : tables
}

function tableOf(tables: Tables, name: string): Table {
  let table = tables.get(name)
  if (!table) tables.set(name, (table = new Map()))
  return table
}

/**
 * One region's tables of the sandbox's state (AWS keeps each region's resources apart). Every
 * region's store shares one journal and snapshot; `inRegion` gives another region's.
 */
export class Store {
  private readonly revisions = new Map<string, number>()

  /** Use `Store.memory`, `Store.open` or `inRegion`. */
  constructor(
    private readonly state: State,
    readonly region: string,
    private readonly tables: Tables,
  ) {}

  /** The default region's store of a state held in memory only. */
  static memory(): Store {
    return new State(undefined).store(DEFAULT_REGION)
  }

  /** The default region's store of a state persisted in `dir`, loading what an earlier sandbox left there. */
  static open(dir: string): Store {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    removeStaleTemporaries(dir)
    const state = new State(dir)
    // With an empty journal the snapshot is already the whole state: rewriting it would only cost time.
    if (state.load()) state.compact()
    else state.keepSnapshot()
    return state.store(DEFAULT_REGION)
  }

  /** The same state's store for another region. */
  inRegion(region: string): Store {
    return this.state.store(region)
  }

  /** The regions that hold at least one record. */
  regionNames(): string[] {
    return this.state.regionNames()
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

  /** A number that changes whenever a record of `table` is put or deleted: what an index built from the table checks. */
  revision(table: string): number {
    return this.revisions.get(table) ?? 0
  }

  /** Every table changed (the state was cleared). */
  changedAll(): void {
    for (const table of this.revisions.keys()) this.changed(table)
  }

  private changed(table: string): void {
    this.revisions.set(table, this.revision(table) + 1)
  }

  /** Stores (or replaces) a record; records are plain JSON and are persisted as they are now. */
  put<T>(table: string, id: string, value: T): T {
    tableOf(this.tables, table).set(id, value)
    this.changed(table)
    this.state.record([table, id, value, this.region])
    return value
  }

  delete(table: string, id: string): boolean {
    const existed = this.tables.get(table)?.delete(id) ?? false
    if (existed) this.changed(table)
    if (existed) this.state.record([table, id, null, this.region])
    return existed
  }

  /** Forgets everything, in every region, on disk too. */
  clear(): void {
    this.state.clear()
  }

  close(): void {
    this.state.close()
  }

  /** How many records of each kind this region holds. */
  summary(): Record<string, number> {
    return Object.fromEntries([...this.tables].map(([name, table]) => [name, table.size]))
  }
}
