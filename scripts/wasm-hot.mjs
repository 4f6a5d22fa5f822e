// Prints the rustc arguments that take LLVM's `minsize` attribute off the functions listed in
// scripts/wasm-hot.txt (build.sh), one per line:
//   -Cllvm-args=-force-remove-attribute=<mangled name>:minsize
// Usage: node scripts/wasm-hot.mjs <module.wasm built with -C link-arg=--no-demangle> <list>
// The mangled names come from the module's name section; the hashes in them stay the same when
// only rustc's LLVM arguments change, so a build with these arguments finds the same functions.
import { readFileSync } from 'node:fs';

const [wasmPath, listPath] = process.argv.slice(2);
const bytes = readFileSync(wasmPath);
const wanted = new Set(readFileSync(listPath, 'utf8').split('\n').map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#')));

// The function names of the "name" custom section (subsection 1).
function functionNames(b) {
  let i = 8;
  const leb = () => {
    let r = 0, s = 0, x;
    do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return r;
  };
  const out = [];
  while (i < b.length) {
    const id = b[i++];
    const size = leb();
    const end = i + size;
    if (id === 0) {
      const len = leb();
      const name = b.subarray(i, i + len).toString();
      i += len;
      if (name === 'name') {
        while (i < end) {
          const sub = b[i++];
          const subSize = leb();
          const subEnd = i + subSize;
          if (sub === 1) {
            for (let n = leb(); n > 0; n--) {
              leb(); // function index
              const l = leb();
              out.push(b.subarray(i, i + l).toString());
              i += l;
            }
          }
          i = subEnd;
        }
      }
    }
    i = end;
  }
  return out;
}

// A legacy-mangled Rust symbol (_ZN…17h<hash>E) as its path without the hash, as rustc-demangle
// writes it ("core::str::<impl str>::trim_matches").
const escapes = { $LT$: '<', $GT$: '>', $RF$: '&', $BP$: '*', $C$: ',', $SP$: '@' };
function demangle(m) {
  if (!m.startsWith('_ZN') || !m.endsWith('E')) return null;
  const parts = [];
  let i = 3;
  while (i < m.length - 1) {
    let j = i;
    while (m[j] >= '0' && m[j] <= '9') j++;
    if (j === i) return null;
    const n = Number(m.slice(i, j));
    parts.push(m.slice(j, j + n));
    i = j + n;
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.map((p) => p.replace(/^_\$/, '$').replaceAll('..', '::')
    .replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/\$(LT|GT|RF|BP|C|SP)\$/g, (e) => escapes[e])).join('::');
}

const found = new Set();
for (const name of functionNames(bytes)) {
  const path = demangle(name);
  if (path && wanted.has(path)) {
    found.add(path);
    console.log(`-Cllvm-args=-force-remove-attribute=${name}:minsize`);
  }
}
for (const path of wanted) {
  if (!found.has(path)) console.error(`scripts/wasm-hot.txt: ${path} is not in the module (renamed or inlined away?)`);
}
console.error(`${found.size} of ${wanted.size} hot paths found`);
