// The build's names for the page's own files (scripts/bundle-names.mjs), no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_FILE, glueModuleOf } from '../../scripts/bundle-names.mjs';

test('regression: a content hash with a leading zero (15 hex digits) names the page\'s files too', () => {
  // The build of 2026-11-26 that stopped with "expected one _bg.wasm file, found 0".
  for (const name of ['request-builder-429f40916ca5077_bg.wasm', 'request-builder-429f40916ca5077.js', 'request-builder-a95be85379d39b50_bg.wasm', 'request-builder-7.js']) {
    assert.ok(PAGE_FILE.test(name), name);
  }
  for (const name of ['request-builder-.js', 'request-builder-a95be85379d39b500_bg.wasm', 'worker_bg.wasm', 'later.js', 'request-builder-a95be85379d39b50.js.map']) {
    assert.ok(!PAGE_FILE.test(name), name);
  }
  assert.equal(glueModuleOf('request-builder-429f40916ca5077.js'), './request-builder_bg.js');
});
