// Bundles web/src into web/dist (app.js + app.css) with esbuild: one file each, minified, no CDN, no code from elsewhere at run time.
import * as esbuild from 'esbuild';
import { rmSync, statSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: 'dist',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
for (const file of Object.keys(result.metafile.outputs).filter((f) => !f.endsWith('.map') && !f.endsWith('.txt'))) {
  console.log(`web: ${file} ${(statSync(file).size / 1024).toFixed(0)} KiB`);
}
