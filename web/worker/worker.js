// The analysis worker: answers the page's requests (bridge.js) with sqltls-wasm's
// analyzeRequest, off the page's main thread. Text runs on the light module; when
// it leaves a file unopened (a certificate, .pfx, .p7b or key: `needsFull`), the
// full module is loaded once and answers that request and every later one.
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
    let answer = (await load(full ? "full" : "light")).analyzeRequest(request, files);
    if (answer.needsFull && !full) {
      full = true;
      answer = (await load("full")).analyzeRequest(request, files);
    }
    self.postMessage({ id, json: answer.json });
  } catch (e) {
    self.postMessage({ id, error: String((e && e.message) || e) });
  }
};
load("light").catch(() => { /* reported with the first request */ });
