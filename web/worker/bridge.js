// The page's side of the analysis worker (crates/web/src/analyzer.rs calls
// globalThis.sqltlsAnalyze). `makeWorker` starts the worker: a module file beside
// the page on the site, a blob: worker in the single file. It is started at once,
// so the worker loads its wasm while the page's own wasm starts. A worker that
// fails, or whose module trapped, is ended; the next request starts a new one.
function __sqltls_bridge(makeWorker) {
  let worker = null;
  let next = 0;
  const pending = new Map();
  const end = (w, why) => {
    if (worker !== w) return;
    w.terminate();
    worker = null;
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  const start = () => {
    const w = makeWorker();
    worker = w;
    w.onmessage = ({ data }) => {
      if (worker !== w) return;
      const p = pending.get(data.id);
      if (p) {
        pending.delete(data.id);
        if (data.error === undefined) p.resolve(data.json);
        else p.reject(new Error(data.error));
      }
      if (data.trapped) end(w, "the analysis stopped: " + data.error);
    };
    w.onerror = (e) => {
      e.preventDefault();
      end(w, e.message || "the analysis worker did not start");
    };
    return w;
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
