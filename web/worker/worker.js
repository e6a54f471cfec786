// The analysis worker: answers the page's requests (bridge.js) with sqltls-wasm's
// analyzeRequest, off the page's main thread. Text runs on the light module. A
// request with files goes to the full module, loaded once (files are mostly
// certificates, .pfx and .p7b, which only it opens; waiting for the light one to
// say so would load both in turn); so does one the light module answers with
// `needsFull`. Once loaded, the full module answers every later request.
// A module that traps (a Rust panic) is not used again: the worker says so and
// closes, and the page starts a new one.
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
    const kind = full || files.length > 0 ? "full" : "light";
    let answer = (await load(kind)).analyzeRequest(request, files);
    if (kind === "full") {
      full = true;
    } else if (answer.needsFull) {
      answer = (await load("full")).analyzeRequest(request, files);
      full = true;
    }
    self.postMessage({ id, json: answer.json });
  } catch (e) {
    const trapped = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: String((e && e.message) || e), trapped });
    if (trapped) self.close();
  }
};
load("light").catch(() => { /* reported with the first request */ });
