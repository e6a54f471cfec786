// The analysis worker: answers the page's requests (bridge.js) with sqltls-wasm's
// analyzeRequest, off the page's main thread. Text runs on the light module. A
// request with files goes to the full module, loaded once (files are mostly
// certificates, .pfx and .p7b, which only it opens; waiting for the light one to
// say so would load both in turn); so does one the light module answers with
// `needsFull`. Once loaded, the full module answers every later request.
// Before this code, the build puts `loadModule(kind)` (resolves to a module with
// analyzeRequest) and `receive(data)` (a message that is not a request).
const modules = {};
const load = (kind) =>
  (modules[kind] ??= loadModule(kind).catch((e) => {
    delete modules[kind];
    throw e;
  }));
let full = false;
self.onmessage = async ({ data }) => {
  if (data.id === undefined) {
    receive(data);
    return;
  }
  const { id, request, files } = data;
  try {
    full ||= files.length > 0;
    let answer = (await load(full ? "full" : "light")).analyzeRequest(request, files);
    if (answer.needsFull && !full) {
      full = true;
      answer = (await load("full")).analyzeRequest(request, files);
    }
    self.postMessage({ id, json: answer.json });
  } catch (e) {
    // A trapped module is not reused: the next request loads it again.
    if (e instanceof WebAssembly.RuntimeError) delete modules[full ? "full" : "light"];
    self.postMessage({ id, error: String((e && e.message) || e) });
  }
};
load("light").catch(() => { /* reported with the first request */ });
