// Start of the single file's loader (dist/sqltls.html). The page's wasm and the
// analysis worker's wasm are stored here once each, gzip-compressed and
// base64-encoded. The page's is inflated in memory with the browser's
// DecompressionStream and handed to wasm-bindgen's init as bytes; the worker's
// goes to the worker still compressed, and the worker inflates it. The worker is
// a classic blob: worker made from the source below (its policy allows
// worker-src blob:). Nothing is fetched: Blob.stream() and new Response(stream)
// read memory, so the page's Content-Security-Policy has nothing else to allow.
const __sqltls_app_gz = "{{APP_GZ_BASE64}}";
const __sqltls_analysis_gz = "{{ANALYSIS_GZ_BASE64}}";
const __sqltls_worker_source = {{WORKER_SOURCE}};
function __sqltls_unbase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
async function __sqltls_inflate(gz) {
  const wasm = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(wasm).arrayBuffer());
}
__sqltls_bridge(() => {
  const source = URL.createObjectURL(new Blob([__sqltls_worker_source], { type: "text/javascript" }));
  const worker = new Worker(source);
  // The worker's script is bound when it is constructed: the address can go.
  URL.revokeObjectURL(source);
  const gz = __sqltls_unbase64(__sqltls_analysis_gz);
  worker.postMessage({ wasmGz: gz }, [gz.buffer]);
  return worker;
});
try {
  await __wbg_init({ module_or_path: await __sqltls_inflate(__sqltls_unbase64(__sqltls_app_gz)) });
} catch (e) {
  const status = document.getElementById("shell-status");
  if (status) status.textContent = "This browser could not start sqltls (" + e + "). The command-line tool sqltls check does the same offline.";
  throw e;
}
