// Compares two carebill output folders: every visible file by SHA-256, preview.xlsx by its
// cells (its zip entries carry a time). Prints the counts and every difference.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const require = createRequire(new URL('../package.json', import.meta.url));
const XLSX = require('xlsx');
const [a, b] = process.argv.slice(2);
function walk(root, dir = root, out = new Map()) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(root, p, out);
    else out.set(relative(root, p), digest(p));
  }
  return out;
}
function digest(p) {
  if (p.endsWith('.xlsx')) {
    const wb = XLSX.read(readFileSync(p));
    return `cells:${createHash('sha256')
      .update(
        JSON.stringify(
          wb.SheetNames.map((n) => [
            n,
            XLSX.utils.sheet_to_json(wb.Sheets[n], { header: 1, raw: true }),
          ]),
        ),
      )
      .digest('hex')}`;
  }
  return createHash('sha256').update(readFileSync(p)).digest('hex');
}
const A = walk(a),
  B = walk(b);
const diffs = [];
for (const [k, v] of A)
  if (!B.has(k)) diffs.push(`only in ${a}: ${k}`);
  else if (B.get(k) !== v) diffs.push(`differs: ${k}`);
for (const k of B.keys()) if (!A.has(k)) diffs.push(`only in ${b}: ${k}`);
console.log(`${A.size} files in ${a}, ${B.size} in ${b}, ${diffs.length} differences`);
for (const d of diffs.slice(0, 40)) console.log(d);
process.exit(diffs.length === 0 ? 0 : 1);
