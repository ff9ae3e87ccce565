// Shrinks the bundle in dist/ after `trunk build --release`.
//   1. The wasm's imports get short names, in the module and in the JS glue alike. wasm-bindgen
//      names each import after its binding plus a 16-digit hash (`__wbg_set_innerHTML_a9d3…`);
//      the hashes cannot be compressed and appear twice, in the wasm and in the glue.
//      The same for the module's exports that the glue calls (`wasm.<name>`): wasm-bindgen names
//      its closure shims after their full Rust signatures, some 300 characters each, twice too.
//   2. The glue becomes a classic script inside index.html, minified by terser, in place of
//      Trunk's module script that imported it. A module script runs only once the whole page is
//      parsed, and by then Chromium has scheduled a frame for the "Loading" placeholder, so the
//      wasm was fetched, compiled and run only after that frame. A classic script at the end of
//      <head> starts the wasm while the parser is still at work: most cold loads paint the form
//      as their first frame (issue 13; `web::mount_after_prefetch` waits for the body when the
//      module is quicker than the parser). One request less, too.
//   3. index.html goes through html-minifier-terser (comments, whitespace, inline scripts by
//      terser) and its stylesheet through lightningcss for browsers without media query range
//      syntax. (Trunk's own minifier is off: it rewrites `max-width` media queries into range
//      syntax, which Chromium before 104 and Safari before 16.4 ignore.) tests/e2e checks that
//      the served page's style rules are those of style/main.css.
// Every rename is checked: the build stops unless each old name occurs exactly once in the glue,
// as the key that provides that import.
// Usage: node scripts/shrink-bundle.mjs <dist>
import { minify as minifyHtmlText } from 'html-minifier-terser';
import { minify as minifyJs } from 'terser';
import { Features, transform as transformCss } from 'lightningcss';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_FILE, glueModuleOf } from './bundle-names.mjs';

const dist = process.argv[2];
// Browsers lightningcss writes for (major << 16): older than media query range syntax.
const CSS_TARGETS = { chrome: 90 << 16, firefox: 90 << 16, safari: 14 << 16 };
const integrity = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
// The page's own module, named with Trunk's content hash (the worker's files carry no hash
// and are left as they are).
const only = (suffix) => {
  const names = readdirSync(dist).filter((f) => PAGE_FILE.test(f) && f.endsWith(suffix));
  if (names.length !== 1) throw new Error(`expected one ${suffix} file in ${dist}, found ${names.length}`);
  return join(dist, names[0]);
};
const count = (text, needle) => text.split(needle).length - 1;

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
}
function leb(value) {
  const out = [];
  do { let byte = value & 0x7f; value = Math.floor(value / 128); if (value) byte |= 0x80; out.push(byte); } while (value);
  return out;
}
const utf8 = new TextEncoder(), text = new TextDecoder();
const name = (s) => [...leb(utf8.encode(s).length), ...utf8.encode(s)];

/** Short names: a..z, A..Z, then two letters and so on. */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do { s = letters[i % 52] + s; i = Math.floor(i / 52) - 1; } while (i >= 0);
  return s;
}

/** The module with the imports that `glueModule` provides renamed (module `w`, fields `a`, `b`,
 * …), and the field renames made. */
function renameImports(wasm, glueModule) {
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  const renames = [];
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, bodyAt] = readLeb(wasm, at + 1);
    const end = bodyAt + size;
    if (id !== 2) { parts.push(wasm.subarray(at, end)); at = end; continue; }
    let [n, p] = readLeb(wasm, bodyAt);
    const body = [...leb(n)];
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = readLeb(wasm, p); const module = text.decode(wasm.subarray(p, p + len)); p += len;
      [len, p] = readLeb(wasm, p); const field = text.decode(wasm.subarray(p, p + len)); p += len;
      const descAt = p, kind = wasm[p++];
      if (kind === 0) [, p] = readLeb(wasm, p);
      else if (kind === 1 || kind === 2) {
        if (kind === 1) p++;
        let flags; [flags, p] = readLeb(wasm, p); [, p] = readLeb(wasm, p); if (flags & 1) [, p] = readLeb(wasm, p);
      } else if (kind === 3) p += 2;
      else throw new Error(`import kind ${kind} of ${module}.${field} is not handled`);
      const ours = module === glueModule;
      if (ours) renames.push([field, shortName(renames.length)]);
      body.push(...name(ours ? 'w' : module), ...name(ours ? renames.at(-1)[1] : field), ...wasm.subarray(descAt, p));
    }
    if (p !== end) throw new Error('the import section was not read to its end');
    parts.push(Uint8Array.from([2, ...leb(body.length), ...body]));
    at = end;
  }
  return [Buffer.concat(parts), renames];
}

/** The module with the exports in `renames` (old name -> new name) renamed. */
function renameExports(wasm, renames) {
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, bodyAt] = readLeb(wasm, at + 1);
    const end = bodyAt + size;
    if (id !== 7) { parts.push(wasm.subarray(at, end)); at = end; continue; }
    let [n, p] = readLeb(wasm, bodyAt);
    const body = [...leb(n)];
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = readLeb(wasm, p); const field = text.decode(wasm.subarray(p, p + len)); p += len;
      const descAt = p; p++; [, p] = readLeb(wasm, p);
      body.push(...name(renames.get(field) ?? field), ...wasm.subarray(descAt, p));
    }
    if (p !== end) throw new Error('the export section was not read to its end');
    parts.push(Uint8Array.from([7, ...leb(body.length), ...body]));
    at = end;
  }
  return Buffer.concat(parts);
}

/** The export names of a module. */
function exportNames(wasm) {
  const names = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, bodyAt] = readLeb(wasm, at + 1);
    if (id === 7) {
      let [n, p] = readLeb(wasm, bodyAt);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = readLeb(wasm, p); names.push(text.decode(wasm.subarray(p, p + len))); p += len;
        p++; [, p] = readLeb(wasm, p);
      }
    }
    at = bodyAt + size;
  }
  return names;
}

const htmlPath = join(dist, 'index.html'), wasmPath = only('_bg.wasm'), jsPath = only('.js');
let html = readFileSync(htmlPath, 'utf8');
const wasm = readFileSync(wasmPath), js = readFileSync(jsPath, 'utf8');

const glueModule = glueModuleOf(jsPath.split('/').pop());
const [shrunk, renames] = renameImports(wasm, glueModule);
let glue = js;
const moduleKey = JSON.stringify(glueModule) + ':';
if (count(glue, glueModule) !== 1 || count(glue, moduleKey) !== 1) throw new Error(`${glueModule} is not named exactly once in the glue`);
glue = glue.replace(moduleKey, '"w":');
for (const [from, to] of renames) {
  if (count(glue, from) !== 1 || count(glue, from + ':') !== 1) throw new Error(`import ${from} is not provided exactly once by the glue`);
  glue = glue.replace(from + ':', to + ':');
}
// Exports the glue reads only as `wasm.<name>` get short names (`$a`, `$b`, …); `memory` and
// exports the glue also reads otherwise keep theirs.
const exportRenames = new Map();
// Longest first: a shim's name can be the start of another's (`…_true_`, `…_true__1_`).
for (const from of exportNames(shrunk).sort((a, b) => b.length - a.length)) {
  const uses = new RegExp(`\\bwasm\\.${from.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  const used = (glue.match(uses) || []).length;
  // Any other spelling is a glue function of the same name, never `x.<name>` or a string key.
  const keyed = count(glue, '.' + from) + count(glue, `"${from}"`) + count(glue, `'${from}'`);
  if (from === 'memory' || used === 0 || used !== keyed) continue;
  const to = '$' + shortName(exportRenames.size);
  if (count(glue, to) !== 0) throw new Error(`export name ${to} is already in the glue`);
  exportRenames.set(from, to);
  glue = glue.replace(uses, () => 'wasm.' + to);
}
const renamed = renameExports(shrunk, exportRenames);
{
  // The wasm's preload loses its integrity attribute: Chromium ignores one on an `as="fetch"`
  // preload (and says so in the console on every load), and the glue's fetch, which has none,
  // is the request that preload must match.
  const attribute = ` integrity="${integrity(wasm)}"`;
  if (count(html, attribute) !== 1) throw new Error(`${wasmPath}: its integrity hash is not in index.html once`);
  html = html.replace(attribute, '');
  writeFileSync(wasmPath, renamed);
  console.log(`${wasmPath.split('/').pop()}: ${wasm.length} -> ${renamed.length} bytes (${exportRenames.size} exports renamed)`);
}
html = inlineGlue(html, glue, jsPath.split('/').pop());
rmSync(jsPath);
writeFileSync(htmlPath, await minifyHtml(html));

/** index.html with the glue as a classic script at the end of <head> (after the wasm's preload,
 * so that the glue's fetch takes the preloaded response), in place of Trunk's module script and
 * the glue's modulepreload. The module's exports become local names: the three stream classes
 * nothing imports, and `initSync` and `__wbg_init`, which the script itself calls. */
function inlineGlue(page, source, jsName) {
  const starters = [...page.matchAll(/<script type="module">([\s\S]*?)<\/script>\s*/g)].filter(([, body]) => body.includes(jsName));
  if (starters.length !== 1) throw new Error(`expected one module script importing ${jsName}, found ${starters.length}`);
  const [starter, body] = starters[0];
  const wasmUrl = body.match(/module_or_path:\s*'([^']+_bg\.wasm)'/)?.[1];
  if (!wasmUrl) throw new Error(`Trunk's module script does not name the wasm: ${body}`);
  const preloads = [...page.matchAll(/<link rel="modulepreload"[^>]*>\s*/g)].filter(([link]) => link.includes(jsName));
  if (preloads.length !== 1) throw new Error(`expected one modulepreload of ${jsName}, found ${preloads.length}`);
  const exportList = 'export { initSync, __wbg_init as default };';
  if (count(source, exportList) !== 1) throw new Error(`the glue's exports are not \`${exportList}\``);
  // Only the default wasm location reads import.meta.url, and the script always passes one.
  if (count(source, 'import.meta.url') !== 1) throw new Error('the glue reads import.meta.url more than once');
  let script = source.replace(exportList, '').replace('import.meta.url', 'document.baseURI').replace(/^export class /gm, 'class ');
  if (/^\s*(export|import)\b/m.test(script)) throw new Error('the glue has an export or import the build does not know');
  // Minified (and so parsed as a classic script) by `minifyHtml` with the page's other scripts.
  script = `(function () {\n"use strict";\n${script}\n__wbg_init({ module_or_path: ${JSON.stringify(wasmUrl)} });\n})();`;
  page = page.replace(starter, '').replace(preloads[0][0], '');
  if (count(page, '</head>') !== 1) throw new Error('index.html has no single </head>');
  console.log(`${jsName}: ${source.length} bytes, inline in index.html`);
  return page.replace('</head>', () => `<script>${script}</script></head>`);
}

/** Inline scripts through terser, then html-minifier-terser: comments and collapsible whitespace
 * out, the inline stylesheet through `minifyCss`. Each tool's own parser reads its input, so
 * an input it cannot read stops the build; and the result must have shrunk. */
async function minifyHtml(page) {
  const before = page.length;
  // The inline scripts through terser first, here, because html-minifier-terser keeps a script
  // it cannot minify as it was, without a word: terser's error stops the build instead.
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  if (scripts.length < 2 || count(page, '<script') !== scripts.length) throw new Error(`expected only inline classic scripts in index.html (the head's and the glue), found ${count(page, '<script')} scripts, ${scripts.length} of them inline`);
  for (const [whole, source] of scripts) {
    const { code } = await minifyJs(source, { ecma: 2020, compress: { passes: 2 } });
    if (!code || !(code.length < source.length)) throw new Error('terser did not shrink an inline script');
    page = page.replace(whole, () => `<script>${code}</script>`);
  }
  let cssBlocks = 0;
  const minified = await minifyHtmlText(page, {
    collapseWhitespace: true,
    removeComments: true,
    minifyJS: false,
    minifyCSS: (css, type) => {
      if (type) return css; // style="" and media="" attributes: the page has none worth it
      cssBlocks += 1;
      return minifyCss(css);
    },
  });
  if (cssBlocks !== 1) throw new Error(`expected one inline stylesheet in index.html, minified ${cssBlocks}`);
  if (!(minified.length < before)) throw new Error(`index.html did not shrink (${before} -> ${minified.length} bytes)`);
  console.log(`index.html: ${before} -> ${minified.length} bytes`);
  return minified.trim() + '\n';
}

/** The stylesheet through lightningcss, for browsers from before media query range syntax
 * (Chromium 104, Safari 16.4), so `max-width` queries stay as written: Trunk's own minifier
 * (and lightningcss without targets) rewrites them into ranges, which those browsers ignore.
 * Any warning stops the build. */
function minifyCss(css) {
  const { code, warnings } = transformCss({
    filename: 'style/main.css',
    code: Buffer.from(css),
    minify: true,
    targets: CSS_TARGETS,
    // For those targets lightningcss would also add fallbacks the page does not need, and which
    // change what the stylesheet says: the light-dark() and color-scheme variables (the page
    // sets its colours itself) and a longer system-ui font stack.
    exclude: Features.LightDark | Features.ColorScheme | Features.FontFamilySystemUi,
  });
  if (warnings.length) throw new Error(`lightningcss: ${warnings.map((w) => w.message).join('; ')}`);
  const out = code.toString();
  if (!(out.length < css.length)) throw new Error('the stylesheet did not shrink');
  return out;
}
