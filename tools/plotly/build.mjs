// Bundles plotly.js's core with the trace types of TRACES into one minified script that defines window.Plotly,
// the way plotly.js builds its own partial bundles (lib/index-*.js entries, esbuild, IIFE, the attributes'
// descriptions stripped by plotly.js's own esbuild plugin), and lists the licences of every package that ends up
// in it. Run through build-bundle.sh, which installs the pinned packages first.
//
// Usage: node build.mjs OUT.js LICENCES.txt
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// plotly.js's own plugin (tasks/compress_attributes.js): drops the attributes' descriptions, which only its schema
// browser reads
const stripMeta = require('plotly.js/tasks/compress_attributes.js');
const plotlyVersion = require('plotly.js/package.json').version;

// plotly.js's core holds the scatter trace and every layout component (shapes, annotations, legend, colour bars,
// hover, mode bar); these are the other trace types the report module draws (scattergl, bar, heatmap, box) or is
// about to (histogram, contour, icicle). Keep in step with PlotlyBundle.TRACE_TYPES in cumulo-report: the tests
// check that the bundle defines each of those.
const TRACES = ['scattergl', 'bar', 'heatmap', 'box', 'histogram', 'contour', 'icicle'];

// the entry, as plotly.js writes its own (lib/index-basic.js)
const entry = `'use strict';
var Plotly = require('plotly.js/lib/core');
Plotly.register([
${TRACES.map((t) => `    require('plotly.js/lib/${t}')`).join(',\n')}
]);
module.exports = Plotly;
`;

const [out, licences] = process.argv.slice(2);
if (!out || !licences) {
    console.error('usage: node build.mjs OUT.js LICENCES.txt');
    process.exit(1);
}

// The only stylesheet plotly.js imports is maplibre's, for map subplots, which this bundle has no trace for:
// resolve it to nothing rather than emit a CSS file.
const noCss = {
    name: 'no-css',
    setup(b) {
        b.onResolve({ filter: /\.css$/ }, (a) => ({ path: a.path, namespace: 'no-css' }));
        b.onLoad({ filter: /.*/, namespace: 'no-css' }, () => ({ contents: '', loader: 'js' }));
    }
};

const header = `/*! plotly.js v${plotlyVersion}, partial bundle for Cumulo reports (traces: scatter, ${TRACES.join(', ')}).`
    + ` Copyright Plotly Technologies Inc., MIT licence. Licences of the bundled packages:`
    + ` io/cumulo/report/plotly/LICENCES.txt in Cumulo. */`;

const result = await build({
    stdin: { contents: entry, resolveDir: here, sourcefile: 'cumulo-plotly-entry.js' },
    outfile: out,
    bundle: true,
    format: 'iife',
    globalName: 'Plotly',
    minify: true,
    legalComments: 'eof',
    sourcemap: false,
    target: 'es2016',
    // as plotly.js's esbuild-config.js
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    // (plotly.js's config also aliases 'stream', for a trace type not bundled here)
    plugins: [noCss, stripMeta],
    banner: { js: header },
    // window.Plotly also when the text is run as a function body rather than a classic script
    footer: { js: 'window.Plotly=Plotly;' },
    metafile: true,
    logLevel: 'warning',
    charset: 'utf8'
});

// every package the bundle draws code from, with its licence text
const dirs = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
    // (paths relative to the working directory, which build-bundle.sh sets to this folder)
    const m = input.match(/^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//);
    if (m) {
        dirs.set(m[1] + m[2], m[2]);
    }
}
const lines = [`Packages bundled into the plotly.js v${plotlyVersion} partial bundle of Cumulo's HTML reports`,
    '(built by tools/plotly/build-bundle.sh), each with the licence it is distributed under.', ''];
for (const dir of [...dirs.keys()].sort()) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license && pkg.license.type) || 'see below';
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author && pkg.author.name;
    lines.push('='.repeat(78), `${pkg.name} ${pkg.version} (${licence})${author ? ', by ' + author : ''}`, '='.repeat(78));
    const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
    lines.push(file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `(no licence file in the package; its package.json says ${licence})`, '');
}
fs.writeFileSync(licences, lines.join('\n'));
console.error(`${out}: ${fs.statSync(out).size} bytes from ${Object.keys(result.metafile.inputs).length} files of ${dirs.size} packages`);
