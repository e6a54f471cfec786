// The single file's worker (a classic blob: worker: a module worker does not start
// from file://). The full module's glue, built with wasm-bindgen's no-modules
// target, is above this code and defines `wasm_bindgen`; the module's wasm arrives
// gzip-compressed in the first message and is inflated here, off the page's main
// thread. Light and full are the same module.
let gotWasm;
const wasmGz = new Promise((resolve) => (gotWasm = resolve));
let ready = null;
const loadModule = () =>
  (ready ??= wasmGz.then(async (gz) => {
    const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
    await wasm_bindgen({ module_or_path: new Uint8Array(await new Response(stream).arrayBuffer()) });
    return wasm_bindgen;
  }));
const receive = (data) => {
  if (data.wasmGz) gotWasm(data.wasmGz);
};
