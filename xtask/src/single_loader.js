// Start of the single file (dist/sqltls.html). The app's wasm is stored here once,
// gzip-compressed and base64-encoded; it is decoded in memory with the browser's
// DecompressionStream and handed to wasm-bindgen's init as bytes. Nothing is
// fetched: Blob.stream() and new Response(stream) read memory, so the page's
// Content-Security-Policy (default-src 'none') has nothing to allow.
const __sqltls_wasm_gz = "{{WASM_GZ_BASE64}}";
async function __sqltls_wasm_bytes() {
  const text = atob(__sqltls_wasm_gz);
  const gz = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) gz[i] = text.charCodeAt(i);
  const wasm = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(wasm).arrayBuffer());
}
try {
  await __wbg_init({ module_or_path: await __sqltls_wasm_bytes() });
} catch (e) {
  const status = document.getElementById("shell-status");
  if (status) status.textContent = "This browser could not start sqltls (" + e + "). The command-line tool sqltls check does the same offline.";
  throw e;
}
