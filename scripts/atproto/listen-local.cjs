// Preload (node --require): a server that calls listen() without a host binds to 127.0.0.1
// (KOE_ATPROTO_HOST) instead of every interface. The dev-env servers never pass a host.
'use strict'
const net = require('node:net')

const host = process.env.KOE_ATPROTO_HOST || '127.0.0.1'
const listen = net.Server.prototype.listen

net.Server.prototype.listen = function (...args) {
  const first = args[0]
  if (args.length === 0 || typeof first === 'function') {
    args.unshift(0, host)
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, host)
  } else if (first && typeof first === 'object' && first.path === undefined &&
             first.fd === undefined && first._handle === undefined && first.handle === undefined &&
             !first.host) {
    args[0] = { ...first, host }
  }
  return listen.apply(this, args)
}
