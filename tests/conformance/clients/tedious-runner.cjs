// Connects with one installed tedious version, runs `select 1`, reports one JSON line.
// Usage: node tedious-runner.cjs <tedious package dir> '<json options>'
//        node tedious-runner.cjs <tedious package dir> --serve   (one JSON options line in,
//        one JSON result line out, per connection; saves Node's start-up for every run)
// The options come from the harness, mapped from the connection string's keys the way
// node-mssql maps them (node-mssql `lib/tedious/connection-pool.js`: encrypt,
// trustServerCertificate; tedious `src/connection.ts` options.serverName).
'use strict';

const readline = require('readline');

const [, , pkgDir, arg] = process.argv;

let tedious = null;
let loadError = null;
try {
  tedious = require(pkgDir);
} catch (err) {
  loadError = String(err && err.message);
}

// Late callbacks of a connection that already reported must not kill a serving process.
process.on('uncaughtException', () => {});

function connectOnce(opts) {
  return new Promise((resolve) => {
    let settled = false;
    let conn = null;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try { if (conn) conn.close(); } catch (e) { /* closing is not what is tested */ }
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, stage: 'timeout', error: 'no answer in 15 s' }), 15000);
    if (loadError) {
      finish({ ok: false, stage: 'load', error: loadError });
      return;
    }
    const options = {
      port: opts.port,
      connectTimeout: 10000,
      requestTimeout: 10000,
      rowCollectionOnRequestCompletion: true,
    };
    if (opts.encrypt !== undefined) options.encrypt = opts.encrypt;
    if (opts.trustServerCertificate !== undefined) options.trustServerCertificate = opts.trustServerCertificate;
    if (opts.serverName !== undefined) options.serverName = opts.serverName;
    const config = {
      server: opts.server,
      authentication: { type: 'default', options: { userName: 'sa', password: 'conformance' } },
      options,
    };
    try {
      conn = new tedious.Connection(config);
    } catch (err) {
      finish({ ok: false, stage: 'config', error: String(err && err.message), code: err && err.code });
      return;
    }
    conn.on('error', (err) => finish({ ok: false, stage: 'error', error: String(err && err.message), code: err && err.code }));
    conn.on('connect', (err) => {
      if (err) {
        finish({ ok: false, stage: 'connect', error: String(err.message), code: err.code });
        return;
      }
      const req = new tedious.Request('select 1', (err2, rowCount, rows) => {
        if (err2) {
          finish({ ok: false, stage: 'query', error: String(err2.message), code: err2.code });
          return;
        }
        let value = null;
        try { value = rows[0][0].value; } catch (e) { value = null; }
        finish({ ok: value === 1, stage: 'query', value });
      });
      conn.execSqlBatch(req);
    });
    // Versions before 8.3 connect from the constructor (and some already have a `connect`
    // method that would open a second connection); later ones wait for `connect()`.
    const initialized = !conn.state || !conn.STATE || conn.state === conn.STATE.INITIALIZED;
    if (typeof conn.connect === 'function' && initialized) {
      try { conn.connect(); } catch (err) { /* already connecting */ }
    }
  });
}

if (arg === '--serve') {
  const rl = readline.createInterface({ input: process.stdin });
  const queue = [];
  let busy = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const result = await connectOnce(JSON.parse(queue.shift()));
      process.stdout.write(JSON.stringify(result) + '\n');
    }
    busy = false;
  };
  rl.on('line', (line) => { if (line.trim()) { queue.push(line); pump(); } });
  rl.on('close', () => { const wait = () => (busy || queue.length ? setTimeout(wait, 50) : process.exit(0)); wait(); });
} else {
  connectOnce(JSON.parse(arg)).then((result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  });
}
