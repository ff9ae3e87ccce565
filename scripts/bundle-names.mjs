// The names Trunk gives the page's own files: `request-builder-<hash>.js` and
// `request-builder-<hash>_bg.wasm`, where the hash is a 64-bit number printed in hex without
// leading zeros (so 1 to 16 digits), and the module wasm-bindgen's glue imports for them.
// Shared by scripts/shrink-bundle.mjs and its test (tests/e2e/bundle-names.test.mjs).
export const PAGE_FILE = /^request-builder-[0-9a-f]{1,16}(_bg\.wasm|\.js)$/;

/** The module name the glue file `jsName` gives its wasm imports (`./request-builder_bg.js`). */
export const glueModuleOf = (jsName) => './' + jsName.replace(/-[0-9a-f]{1,16}\.js$/, '_bg.js');
