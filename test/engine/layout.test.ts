import fs from 'node:fs';
import path from 'node:path';
import { extractDiagram, layoutGraph, writeLayout, type LayoutGraph, type ModdleLike, type Rect } from '../../src/engine/definitions/layout';
import { bpmnModdle } from '../../src/engine/definitions/lint/moddle';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/layout', name), 'utf8');

async function laidOut(xml: string): Promise<string> {
  const { rootElement } = await bpmnModdle().fromXML(xml);
  return writeLayout(xml, extractDiagram(rootElement as unknown as ModdleLike));
}

const overlaps = (a: Rect, b: Rect) => Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
const centreY = (rect: Rect) => rect.y + rect.height / 2;

describe('layout:processes on a diagram it has never seen', () => {
  let xml: string;

  beforeAll(async () => {
    xml = await laidOut(fixture('extended-lifecycle.bpmn'));
  });

  test('the result reads back without warnings, with a shape for every flow node and an edge for every flow', async () => {
    const { elementsById, warnings } = await bpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const elements = Object.values(elementsById);
    const nodes = elements.filter((element) => element.$instanceOf('bpmn:FlowNode'));
    const flows = elements.filter((element) => element.$instanceOf('bpmn:SequenceFlow'));
    const shapes = elements.filter((element) => element.$type === 'bpmndi:BPMNShape');
    const edges = elements.filter((element) => element.$type === 'bpmndi:BPMNEdge');
    expect(shapes.map((shape) => (shape.get('bpmnElement') as ModdleLike).id).sort()).toEqual(nodes.map((node) => node.id).sort());
    expect(edges.map((edge) => (edge.get('bpmnElement') as ModdleLike).id).sort()).toEqual(flows.map((flow) => flow.id).sort());
  });

  test('every flow node lists its incoming and outgoing flows, as modelers write them', async () => {
    const { elementsById } = await bpmnModdle().fromXML(xml);
    const capaReview = elementsById.capaReview;
    expect((capaReview.get('incoming') as ModdleLike[]).map((flow) => flow.id)).toEqual(['toCapaReview']);
    expect((capaReview.get('outgoing') as ModdleLike[]).map((flow) => flow.id)).toEqual(['toCapaReviewed']);
    expect((elementsById.capaReviewed.get('outgoing') as ModdleLike[]).map((flow) => flow.id)).toEqual(['capaAccepted', 'capaRejected']);
    expect(xml).toMatch(/<bpmn:boundaryEvent id="capaOverdue"[^>]*>\s*<bpmn:outgoing>toCapaReminder<\/bpmn:outgoing>\s*<bpmn:timerEventDefinition>/);
  });

  test('keeps the author\'s text: comments, attribute order, form definitions', () => {
    const original = fixture('extended-lifecycle.bpmn');
    expect(xml).toContain('<!--\n  Layout fixture: the complaint lifecycle as a process owner might extend it');
    expect(xml).toContain('<!-- ===== suggestion (002 三(二)): a leader decides, the customer is told ===== -->');
    const formOf = (text: string) => text.slice(text.indexOf('<camunda:formField id="satisfaction"'), text.indexOf('<camunda:formField id="customerFeedback"'));
    expect(formOf(xml)).toBe(formOf(original));
  });

  test('running it again changes nothing', async () => {
    expect(await laidOut(xml)).toBe(xml);
  });
});

describe('layout of a process graph', () => {
  const graph: LayoutGraph = {
    nodes: [
      { id: 'start', kind: 'event', name: '开始' },
      { id: 'review', kind: 'activity', name: '审核' },
      { id: 'decision', kind: 'gateway', name: '同意？' },
      { id: 'rework', kind: 'activity', name: '退回修改' },
      { id: 'detour', kind: 'activity', name: '补充调查' },
      { id: 'join', kind: 'gateway' },
      { id: 'execute', kind: 'activity', name: '执行' },
      { id: 'overdue', kind: 'event', name: '超时', attachedTo: 'execute' },
      { id: 'remind', kind: 'activity', name: '催办' },
      { id: 'end', kind: 'event', name: '结束' },
    ],
    flows: [
      { id: 'f1', source: 'start', target: 'review' },
      { id: 'f2', source: 'review', target: 'decision' },
      { id: 'f3', source: 'decision', target: 'rework', name: '不同意' },
      { id: 'f4', source: 'rework', target: 'review' },
      { id: 'f5', source: 'decision', target: 'detour', name: '需补充' },
      { id: 'f6', source: 'detour', target: 'join' },
      { id: 'f7', source: 'decision', target: 'join', name: '同意' },
      { id: 'f8', source: 'join', target: 'execute' },
      { id: 'f9', source: 'execute', target: 'end' },
      { id: 'f10', source: 'overdue', target: 'remind' },
    ],
  };
  const layout = layoutGraph(graph);
  const bounds = (id: string) => layout.shapes.get(id)!.bounds;

  test('puts the main path on one row, left to right', () => {
    const main = ['start', 'review', 'decision', 'join', 'execute', 'end'];
    for (const id of main) expect(centreY(bounds(id))).toBe(centreY(bounds('start')));
    for (let k = 1; k < main.length; k += 1) expect(bounds(main[k]).x).toBeGreaterThan(bounds(main[k - 1]).x);
  });

  test('puts detours, loops back and boundary branches below the main path', () => {
    for (const id of ['rework', 'detour', 'remind']) expect(bounds(id).y).toBeGreaterThan(bounds('review').y + bounds('review').height);
  });

  test('sits a boundary event on the lower edge of its task', () => {
    const host = bounds('execute');
    const boundary = bounds('overdue');
    expect(centreY(boundary)).toBe(host.y + host.height);
    expect(boundary.x).toBeGreaterThanOrEqual(host.x);
    expect(boundary.x + boundary.width).toBeLessThanOrEqual(host.x + host.width);
  });

  test('no two shapes and no two labels overlap, and no label covers a shape', () => {
    const shapes = [...layout.shapes.entries()].filter(([id]) => id !== 'overdue').map(([, shape]) => shape.bounds);
    const labels = [...[...layout.shapes.values()].map((shape) => shape.label), ...[...layout.edges.values()].map((edge) => edge.label)].filter((label): label is Rect => label !== undefined);
    expect(labels.length).toBe(7);
    const all = [...shapes, ...labels];
    for (let i = 0; i < all.length; i += 1) for (let j = i + 1; j < all.length; j += 1) expect(overlaps(all[i], all[j])).toBe(false);
  });

  test('draws connections as horizontal and vertical segments from the source\'s side to the target\'s side', () => {
    for (const edge of layout.edges.values()) {
      for (let k = 0; k + 1 < edge.waypoints.length; k += 1) {
        const [a, b] = [edge.waypoints[k], edge.waypoints[k + 1]];
        expect(a.x === b.x || a.y === b.y).toBe(true);
      }
    }
    const f2 = layout.edges.get('f2')!.waypoints;
    expect(f2[0]).toEqual({ x: bounds('review').x + bounds('review').width, y: centreY(bounds('review')) });
    expect(f2[f2.length - 1]).toEqual({ x: bounds('decision').x, y: centreY(bounds('decision')) });
  });

  test('is deterministic', () => {
    const again = layoutGraph(graph);
    expect([...again.shapes.entries()]).toEqual([...layout.shapes.entries()]);
    expect([...again.edges.entries()]).toEqual([...layout.edges.entries()]);
  });
});
