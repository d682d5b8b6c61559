import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Box, launchChromium, openViewerPage, renderDiagram, type RenderedDiagram, screenshotDiagram } from '../support/bpmn-viewer';

/**
 * Every shipped diagram opens in bpmn-js (what bpmn.io and Camunda Modeler use) without import warnings and reads
 * cleanly at 100 %: no shapes on top of each other, no label on a shape or another label, names inside their
 * task, no line through a shape. LAYOUT_SCREENSHOTS=<dir> also writes a PNG of each diagram.
 */
const processesDir = path.join(__dirname, '../../processes');
const diagrams = fs.readdirSync(processesDir).filter((name) => name.endsWith('.bpmn')).sort();

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openViewerPage(browser);
});

afterAll(async () => {
  await browser?.close();
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
      if (a.host === b.id || b.host === a.id) continue;
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
    for (const shape of rendered.shapes) {
      if (ends.has(shape.id)) continue;
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

describe.each(diagrams)('processes/%s in bpmn-js', (file) => {
  let rendered: RenderedDiagram;

  beforeAll(async () => {
    rendered = await renderDiagram(page, fs.readFileSync(path.join(processesDir, file), 'utf8'));
    const screenshots = process.env.LAYOUT_SCREENSHOTS;
    if (screenshots) {
      fs.mkdirSync(screenshots, { recursive: true });
      await screenshotDiagram(page, path.join(screenshots === '1' ? os.tmpdir() : screenshots, file.replace(/\.bpmn$/, '.png')));
    }
  });

  it('imports without warnings and draws every flow node and flow', () => {
    expect(rendered.warnings).toEqual([]);
    const xml = fs.readFileSync(path.join(processesDir, file), 'utf8');
    const flowNodes = xml.match(/<bpmn:(\w*Task|startEvent|endEvent|intermediate\w*Event|boundaryEvent|\w*Gateway|subProcess|callActivity) /g) ?? [];
    const flows = xml.match(/<bpmn:sequenceFlow /g) ?? [];
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
