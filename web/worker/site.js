// The site's worker (dist/sqltls-worker-*.js, a module worker): the light and the
// full module are the <sqltls-check> element's, in embed/ beside it.
const loadModule = (kind) =>
  import(kind === "full" ? "./embed/sqltls_wasm_full.js" : "./embed/sqltls_wasm.js").then(async (m) => {
    await m.default();
    return m;
  });
const receive = () => {};
