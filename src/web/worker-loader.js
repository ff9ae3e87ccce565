// Starts the page's worker (src/web/worker/): loads its glue and module. A request that
// arrives while the module is still loading waits here and is handed over once it has started
// (a message with no handler would be lost). A failure to load is thrown outside the promise, so
// the page sees an `error` event on the worker and reports it instead of waiting.
importScripts('./worker.js');
const early = [];
self.onmessage = (event) => early.push(event);
wasm_bindgen({ module_or_path: './worker_bg.wasm' }).then(
  () => early.splice(0).forEach((event) => self.onmessage(event)),
  (error) => setTimeout(() => { throw error; }),
);
