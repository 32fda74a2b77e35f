// How large the uploaded mini-program is: the main package (what every
// resident downloads before the first page) and each subpackage, counted as
// WeChat packs them (project.config.json's ignore list leaves tests out).
// WeChat refuses a package over 2 MB.  node miniprogram/tests/helpers/package-size.js
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const LIMIT = 2 * 1024 * 1024;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function sizes() {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
  const ignored = (project.packOptions.ignore || []).map((rule) => rule.value);
  const roots = (app.subPackages || []).map((sub) => sub.root);
  const result = { main: 0 };
  roots.forEach((root) => { result[root] = 0; });
  filesUnder(ROOT).forEach((file) => {
    const rel = path.relative(ROOT, file);
    const first = rel.split(path.sep)[0];
    if (ignored.includes(first) || ignored.includes(rel)) return;
    const bytes = fs.statSync(file).size;
    const root = roots.find((r) => rel === r || rel.startsWith(r + path.sep));
    result[root || 'main'] += bytes;
  });
  return result;
}

function report() {
  const all = sizes();
  return Object.keys(all).map((name) => `${name}: ${(all[name] / 1024).toFixed(1)} KiB`).join('\n');
}

if (require.main === module) console.log(report());

module.exports = { sizes, report, LIMIT };
