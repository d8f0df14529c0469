// A local AT Protocol network for tests: a PLC directory and one PDS (SQLite in TMPDIR), both
// on 127.0.0.1 (with listen-local.cjs preloaded). Prints one line
//   KOE_ATPROTO_READY {"pds": "http://127.0.0.1:<port>", "port": ..., "plc": ..., "pid": ...}
// when it accepts requests, and closes both servers on SIGTERM or SIGINT.
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const modules = process.env.KOE_ATPROTO_MODULES ||
  path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules')
const require = createRequire(path.join(modules, 'resolve-from-here.js'))
const { TestNetworkNoAppView } = await import(pathToFileURL(require.resolve('@atproto/dev-env')))

const started = performance.now()
const port = Number(process.env.KOE_ATPROTO_PORT || 0) || undefined
const network = await TestNetworkNoAppView.create({ pds: port ? { port } : {} })
const pdsPort = network.pds.port
console.log('KOE_ATPROTO_READY ' + JSON.stringify({
  pds: `http://127.0.0.1:${pdsPort}`,
  port: pdsPort,
  plc: network.plc.url.replace('localhost', '127.0.0.1'),
  pid: process.pid,
  startup_ms: Math.round(performance.now() - started),
  rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
}))

let closing = false
const close = async () => {
  if (closing) return
  closing = true
  try { await network.close() } finally { process.exit(0) }
}
process.on('SIGTERM', close)
process.on('SIGINT', close)
