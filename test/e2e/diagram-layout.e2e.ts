import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { launchBrowser } from './support/browser';
import { type Box, openViewerPage, renderDiagram, type RenderedDiagram, screenshotDiagram } from './support/bpmn-viewer';

/**
 * Every shipped diagram opens in bpmn-js (what bpmn.io and Camunda Modeler use) without import warnings and reads
 * cleanly at 100 %: no shapes on top of each other, no label on a shape or another label, names inside their
 * task, no line through a shape. Diagrams the layout tool has never seen (test/fixtures/layout, without any
 * layout) are laid out by it here and held to the same checks. LAYOUT_SCREENSHOTS=<dir> writes a PNG of each.
 */
const processesDir = path.join(__dirname, '../../processes');
const unseenDir = path.join(__dirname, '../fixtures/layout');
const bpmnIn = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.bpmn')).sort().map((name) => path.join(dir, name));
const diagrams = [...bpmnIn(processesDir), ...bpmnIn(unseenDir)].map((file) => path.relative(path.join(__dirname, '../..'), file));

const root = path.join(__dirname, '../..');
let laidOutDir: string;

/** The unseen diagrams go through `npm run layout:processes` exactly as a process owner would run it. */
function layOutUnseenDiagrams(): void {
  laidOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layout-'));
  for (const file of bpmnIn(unseenDir)) fs.copyFileSync(file, path.join(laidOutDir, path.basename(file)));
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', path.join(root, 'src/cli/layout-processes.ts'), laidOutDir], { cwd: root, stdio: 'pipe' });
}

function diagramXml(file: string): string {
  return fs.readFileSync(file.startsWith('test/') ? path.join(laidOutDir, path.basename(file)) : path.join(root, file), 'utf8');
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  layOutUnseenDiagrams();
  browser = await launchBrowser();
  page = await openViewerPage(browser);
});

afterAll(async () => {
  await browser?.close();
  if (laidOutDir) fs.rmSync(laidOutDir, { recursive: true, force: true });
});

function overlap(a: Box, b: Box, tolerance = 0.5): boolean {
  return Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > tolerance && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > tolerance;
}

function within(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

function overlappingShapes(rendered: RenderedDiagram): string[] {
  const found: string[] = [];
  const { shapes } = rendered;
  for (let i = 0; i < shapes.length; i += 1) {
    for (let j = i + 1; j < shapes.length; j += 1) {
      const [a, b] = [shapes[i], shapes[j]];
      if (a.host === b.id || b.host === a.id || a.plane !== b.plane) continue;
      if (overlap(a.box, b.box)) found.push(`${a.id} / ${b.id}`);
    }
  }
  return found;
}

function overlappingLabels(rendered: RenderedDiagram): string[] {
  const found: string[] = [];
  const { labels, shapes } = rendered;
  for (let i = 0; i < labels.length; i += 1) {
    for (let j = i + 1; j < labels.length; j += 1) {
      if (overlap(labels[i].box, labels[j].box)) found.push(`label "${labels[i].text}" / label "${labels[j].text}"`);
    }
    for (const shape of shapes) {
      if (shape.plane !== rendered.shapes.find((other) => other.id === labels[i].owner)?.plane) continue;
      if (overlap(labels[i].box, shape.box)) found.push(`label "${labels[i].text}" / shape ${shape.id}`);
    }
  }
  return found;
}

function namesOutsideTheirTask(rendered: RenderedDiagram): string[] {
  return rendered.embedded.filter((entry) => !within(entry.box, entry.shape)).map((entry) => `${entry.id} "${entry.text}"`);
}

/** A connection drawn through a shape other than its own ends reads as if it went in there. */
function linesThroughShapes(rendered: RenderedDiagram): string[] {
  const found: string[] = [];
  const hostOf = new Map(rendered.shapes.filter((shape) => shape.host).map((shape) => [shape.id, shape.host!]));
  for (const connection of rendered.connections) {
    const ends = new Set([connection.source, connection.target, hostOf.get(connection.source), hostOf.get(connection.target)]);
    const plane = rendered.shapes.find((shape) => shape.id === connection.source)?.plane;
    for (const shape of rendered.shapes) {
      if (ends.has(shape.id) || shape.plane !== plane) continue;
      for (let k = 0; k + 1 < connection.waypoints.length; k += 1) {
        const a = connection.waypoints[k];
        const b = connection.waypoints[k + 1];
        const segment = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
        const inner = { x: shape.box.x + 1, y: shape.box.y + 1, width: shape.box.width - 2, height: shape.box.height - 2 };
        if (segment.x < inner.x + inner.width && segment.x + segment.width > inner.x && segment.y < inner.y + inner.height && segment.y + segment.height > inner.y) {
          found.push(`${connection.id} through ${shape.id}`);
          break;
        }
      }
    }
  }
  return found;
}

describe.each(diagrams)('%s in bpmn-js', (file) => {
  let rendered: RenderedDiagram;
  let xml: string;

  beforeAll(async () => {
    xml = diagramXml(file);
    rendered = await renderDiagram(page, xml);
    const screenshots = process.env.LAYOUT_SCREENSHOTS;
    if (screenshots) {
      fs.mkdirSync(screenshots, { recursive: true });
      await screenshotDiagram(page, path.join(screenshots, path.basename(file).replace(/\.bpmn$/, '.png')));
    }
  });

  it('imports without warnings and draws every flow node and flow', () => {
    expect(rendered.warnings).toEqual([]);
    const flowNodes = xml.match(/<(bpmn:)?(\w*Task|startEvent|endEvent|intermediate\w*Event|boundaryEvent|\w*Gateway|subProcess|callActivity)[ >]/g) ?? [];
    const flows = xml.match(/<(bpmn:)?sequenceFlow /g) ?? [];
    expect(rendered.shapes).toHaveLength(flowNodes.length);
    expect(rendered.connections).toHaveLength(flows.length);
  });

  it('has no overlapping shapes', () => {
    expect(overlappingShapes(rendered)).toEqual([]);
  });

  it('has no label overlapping a shape or another label', () => {
    expect(overlappingLabels(rendered)).toEqual([]);
  });

  it('keeps every task name inside its task', () => {
    expect(namesOutsideTheirTask(rendered)).toEqual([]);
  });

  it('draws no line through a shape', () => {
    expect(linesThroughShapes(rendered)).toEqual([]);
  });
});
