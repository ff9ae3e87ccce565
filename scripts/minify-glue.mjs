// Minifies the wasm-bindgen JS glue in dist/ after `trunk build --release` (Trunk's own JS
// minifier cannot parse the glue's `export default` and leaves it as is), then writes the new
// subresource-integrity hash into dist/index.html so the preload still matches the file.
// Usage: node scripts/minify-glue.mjs <dist>
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2];
const integrity = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
for (const name of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
  const path = join(dist, name);
  const before = readFileSync(path);
  const { code } = await minify(before.toString('utf8'), { module: true, ecma: 2020, compress: { passes: 2 } });
  const old = integrity(before);
  if (!html.includes(old)) throw new Error(`${name}: its integrity hash is not in index.html`);
  writeFileSync(path, code);
  html = html.replaceAll(old, integrity(Buffer.from(code)));
  console.log(`${name}: ${before.length} -> ${code.length} bytes`);
}
writeFileSync(htmlPath, html);
