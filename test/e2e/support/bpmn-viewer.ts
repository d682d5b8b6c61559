/// <reference lib="dom" />
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

const bpmnJs = path.dirname(require.resolve('bpmn-js/package.json'));

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedDiagram {
  warnings: string[];
  /** `plane`: the diagram (process or drilled-down sub-process) the shape is drawn on. */
  shapes: { id: string; type: string; plane: string; host?: string; box: Box }[];
  /** Rendered text of external labels (events, gateways, flows), in diagram coordinates. */
  labels: { id: string; owner: string; text: string; box: Box }[];
  /** Rendered text of names drawn inside activities. */
  embedded: { id: string; text: string; box: Box; shape: Box }[];
  connections: { id: string; source: string; target: string; waypoints: { x: number; y: number }[] }[];
}

/** A page with the bpmn-js viewer bundle, sized for large diagrams, at zoom 100 %. */
export async function openViewerPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="canvas" style="width:100%;height:100vh"></div></body></html>');
  await page.addStyleTag({ path: path.join(bpmnJs, 'dist/assets/diagram-js.css') });
  await page.addStyleTag({ path: path.join(bpmnJs, 'dist/assets/bpmn-js.css') });
  await page.addScriptTag({ path: path.join(bpmnJs, 'dist/bpmn-navigated-viewer.production.min.js') });
  return page;
}

/** Imports the XML the way bpmn.io and Camunda Modeler do and reads back what was drawn. */
export async function renderDiagram(page: Page, xml: string): Promise<RenderedDiagram> {
  return page.evaluate(async (source) => {
    type Element = { id: string; type: string; parent?: Element; x: number; y: number; width: number; height: number; waypoints?: { x: number; y: number }[]; labelTarget?: Element; host?: Element; source?: Element; target?: Element; businessObject: { name?: string } };
    const win = window as unknown as { viewer?: { destroy(): void }; BpmnJS: new (options: object) => { importXML(xml: string): Promise<{ warnings: { message: string }[] }>; get(name: string): unknown; destroy(): void } };
    win.viewer?.destroy();
    const viewer = new win.BpmnJS({ container: '#canvas' });
    win.viewer = viewer;
    let warnings: string[];
    try {
      warnings = (await viewer.importXML(source)).warnings.map((warning) => warning.message);
    } catch (error) {
      return { warnings: [`import failed: ${(error as Error).message}`], shapes: [], labels: [], embedded: [], connections: [] };
    }
    const canvas = viewer.get('canvas') as { zoom(level: number | string): void; viewbox(box?: object): object };
    canvas.zoom(1);
    const registry = viewer.get('elementRegistry') as { getAll(): Element[]; getGraphics(element: Element): SVGGElement };
    const textBox = (element: Element) => {
      const text = registry.getGraphics(element).querySelector('text');
      if (!text || !text.textContent) return undefined;
      const box = text.getBBox();
      return { x: element.x + box.x, y: element.y + box.y, width: box.width, height: box.height };
    };
    const result: RenderedDiagram = { warnings, shapes: [], labels: [], embedded: [], connections: [] };
    for (const element of registry.getAll()) {
      if (element.type === 'label') {
        const box = textBox(element);
        if (box) result.labels.push({ id: element.id, owner: element.labelTarget!.id, text: element.businessObject.name ?? '', box });
      } else if (element.waypoints) {
        result.connections.push({ id: element.id, source: element.source!.id, target: element.target!.id, waypoints: element.waypoints.map(({ x, y }) => ({ x, y })) });
      } else if (element.parent && element.width !== undefined) {
        let plane = element;
        while (plane.parent) plane = plane.parent;
        result.shapes.push({ id: element.id, type: element.type, plane: plane.id, ...(element.host ? { host: element.host.id } : {}), box: { x: element.x, y: element.y, width: element.width, height: element.height } });
        const box = /Task|Activity|SubProcess/.test(element.type) ? textBox(element) : undefined;
        if (box) result.embedded.push({ id: element.id, text: element.businessObject.name ?? '', box, shape: { x: element.x, y: element.y, width: element.width, height: element.height } });
      }
    }
    return result;
  }, xml);
}

/** A PNG of the whole diagram at 100 %. */
export async function screenshotDiagram(page: Page, file: string): Promise<void> {
  const size = await page.evaluate(() => {
    const layer = document.querySelector('.djs-container svg .viewport') as SVGGElement;
    const box = layer.getBBox();
    return { width: Math.ceil(box.x + box.width + 40), height: Math.ceil(box.y + box.height + 40) };
  });
  await page.setViewportSize({ width: Math.max(400, size.width), height: Math.max(300, size.height) });
  await page.evaluate(() => ((window as unknown as { viewer: { get(name: string): { zoom(level: number, centre?: object): void; viewbox(box: object): void } } }).viewer.get('canvas').viewbox({ x: 0, y: 0, width: window.innerWidth, height: window.innerHeight })));
  await page.screenshot({ path: file, fullPage: false });
}
