import fs from 'node:fs';
import path from 'node:path';
import { bpmnFilesOf } from '../app/processes/lint-files';
import { loadConfig } from '../config';
import { extractDiagram, writeLayout, type ModdleLike } from '../engine/definitions/layout';
import { bpmnModdle } from '../engine/definitions/lint/moddle';

/**
 * `npm run layout:processes [files or folders…]` (default: the configured processes/ folder): recomputes the
 * diagram interchange (shapes, edges, labels) and the <incoming>/<outgoing> references of every diagram, so any
 * modeler can open it. Deterministic: an unchanged process gives an unchanged file. `--check` changes nothing
 * and exits 1 when a file is not laid out as the tool would lay it out.
 */
async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const targets = args.filter((arg) => arg !== '--check');
  const files = bpmnFilesOf(targets.length > 0 ? targets : [path.relative(process.cwd(), loadConfig().processesDir) || '.']);
  let stale = 0;
  for (const file of files) {
    const xml = fs.readFileSync(file, 'utf8');
    const { rootElement } = await bpmnModdle().fromXML(xml);
    const diagram = extractDiagram(rootElement as unknown as ModdleLike);
    const laidOut = writeLayout(xml, diagram);
    for (const element of diagram.notLaidOut) console.warn(`${file}: not laid out: ${element}`);
    if (laidOut === xml) {
      console.log(`${file}: unchanged`);
      continue;
    }
    stale += 1;
    if (check) console.error(`${file}: layout is not up to date (run npm run layout:processes)`);
    else {
      fs.writeFileSync(file, laidOut);
      console.log(`${file}: laid out`);
    }
  }
  return check && stale > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
