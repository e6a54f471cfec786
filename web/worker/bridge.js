// The page's side of the analysis worker (crates/web/src/analyzer.rs calls
// globalThis.sqltlsAnalyze). `makeWorker` starts the worker: a module file beside
// the page on the site, a blob: worker in the single file. It is started at once,
// so the worker loads its wasm while the page's own wasm starts.
function __sqltls_bridge(makeWorker) {
  let worker = null;
  let next = 0;
  const pending = new Map();
  const fail = (why) => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
    worker = null;
  };
  const start = () => {
    try {
      worker = makeWorker();
    } catch (e) {
      worker = null;
      throw e;
    }
    worker.onmessage = ({ data }) => {
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if (data.error === undefined) p.resolve(data.json);
      else p.reject(new Error(data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(e.message || "the analysis worker did not start");
    };
    return worker;
  };
  try { start(); } catch { /* reported on the first analysis */ }
  // Resolves to the report's JSON text. `files`: [{ name, bytes: Uint8Array }],
  // whose buffers move to the worker.
  globalThis.sqltlsAnalyze = (request, files) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    try {
      (worker ?? start()).postMessage({ id, request, files }, files.map((f) => f.bytes.buffer));
    } catch (e) {
      pending.delete(id);
      reject(e);
    }
  });
}
