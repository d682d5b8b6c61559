import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every text asset of the build, once, at build time; the server
 * sends the one the browser accepts (src/http/console.ts). The console's first load is then about a quarter of its
 * size over the wire, without compressing on every request.
 */
export function compressAssets(): Plugin {
  let assetsDir = '';
  return {
    name: 'complaint-flow:compress-assets',
    apply: 'build',
    configResolved(config) {
      assetsDir = path.join(config.build.outDir, config.build.assetsDir);
    },
    async closeBundle() {
      const files = fs.readdirSync(assetsDir).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(files.map(async (name) => {
        const source = fs.readFileSync(path.join(assetsDir, name));
        const [br, gz] = await Promise.all([
          brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
          gzip(source, { level: 9 }),
        ]);
        fs.writeFileSync(path.join(assetsDir, `${name}.br`), br);
        fs.writeFileSync(path.join(assetsDir, `${name}.gz`), gz);
      }));
    },
  };
}
