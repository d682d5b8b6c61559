import { placeLabels } from './labels';
import { FlowGraph, placeOnGrid } from './place';
import { OrthogonalRouter, type Direction, type Obstacle, type Port, type RouteRequest } from './route';
import { embeddedLineCount, externalLabelBox } from './text-metrics';
import type { EdgeLayout, GraphLayout, LayoutFlow, LayoutGraph, LayoutNode, Point, Rect, ShapeLayout } from './types';

const TASK_WIDTH = 100;
const TASK_HEIGHT = 80;
const TASK_WIDTHS = [100, 120, 140];
/** Below the activity's marker icon (top left) when the name takes three lines or more. */
const TASK_TEXT_MARGIN = 28;
const COLUMN_GAP = 56;
const ROW_GAP = 56;
const TRACK = 10;
/** Loops back run above the main row, this far apart so each can be followed. */
const LOOP_TRACK = 16;
const LABEL_WRAP = 90;
const ORIGIN = { x: 160, y: 80 };
const BOUNDARY_SPACING = 60;

export function shapeSize(node: LayoutNode): { width: number; height: number } {
  if (node.kind === 'event') return { width: 36, height: 36 };
  if (node.kind === 'gateway') return { width: 50, height: 50 };
  if (!node.name) return { width: TASK_WIDTH, height: TASK_HEIGHT };
  const name = node.name;
  const width = TASK_WIDTHS.find((candidate) => embeddedLineCount(name, candidate) <= 2) ?? TASK_WIDTHS[TASK_WIDTHS.length - 1];
  const lines = embeddedLineCount(name, width);
  const height = lines <= 2 ? TASK_HEIGHT : Math.max(TASK_HEIGHT, Math.ceil((lines * 14.4 + 2 * TASK_TEXT_MARGIN) / 10) * 10);
  return { width, height };
}

/**
 * Lays a process out for reading: left to right, the main path on one row, branches on rows below, loops back
 * routed above or below, boundary events on their task's lower edge with their flows leaving downwards, labels
 * where they hit neither shapes, lines nor other labels.
 */
export function layoutGraph(input: LayoutGraph): GraphLayout {
  const graph = new FlowGraph(input);
  const grid = placeOnGrid(graph);
  const size = new Map(input.nodes.map((node) => [node.id, shapeSize(node)]));
  // room for every boundary event on the lower edge, side by side
  for (const node of input.nodes) {
    if (node.attachedTo === undefined) continue;
    const count = input.nodes.filter((other) => other.attachedTo === node.attachedTo).length;
    const host = size.get(node.attachedTo);
    if (host && count > 1) host.width = Math.max(host.width, count * BOUNDARY_SPACING + 20);
  }
  const labelled = (flow: LayoutFlow) => (flow.name ? externalLabelBox(flow.name, LABEL_WRAP) : undefined);

  const columns = Math.max(0, ...grid.column.values()) + 1;
  const rows = Math.max(0, ...grid.row.values()) + 1;
  const columnWidth = new Array<number>(columns).fill(36);
  const rowHeight = new Array<number>(rows).fill(36);
  const gapAfterColumn = new Array<number>(columns).fill(COLUMN_GAP);
  const gapAfterRow = new Array<number>(rows).fill(ROW_GAP);
  const labelAbove = new Array<number>(rows).fill(0);
  const labelBelow = new Array<number>(rows).fill(0);

  for (const node of graph.nodes) {
    const c = grid.column.get(node.id)!;
    const r = grid.row.get(node.id)!;
    const { width, height } = size.get(node.id)!;
    columnWidth[c] = Math.max(columnWidth[c], width);
    rowHeight[r] = Math.max(rowHeight[r], height);
  }
  for (const node of graph.nodes) {
    const r = grid.row.get(node.id)!;
    if (node.kind !== 'activity' && node.name) {
      const box = externalLabelBox(node.name, LABEL_WRAP);
      const spare = (rowHeight[r] - size.get(node.id)!.height) / 2;
      if (node.kind === 'gateway') labelAbove[r] = Math.max(labelAbove[r], box.height + 6 - spare);
      else labelBelow[r] = Math.max(labelBelow[r], box.height + 6 - spare);
    }
  }
  for (const node of input.nodes) {
    if (node.attachedTo === undefined || !grid.row.has(node.attachedTo)) continue;
    const r = grid.row.get(node.attachedTo)!;
    const box = node.name ? externalLabelBox(node.name, LABEL_WRAP) : { height: 0 };
    labelBelow[r] = Math.max(labelBelow[r], 18 + box.height + 6);
  }
  for (const flow of graph.flows) {
    const box = labelled(flow);
    if (!box) continue;
    const c = grid.column.get(graph.owner(flow.source));
    if (c !== undefined) gapAfterColumn[c] = Math.max(gapAfterColumn[c], Math.min(box.width, LABEL_WRAP) + 30);
  }
  for (let r = 0; r < rows; r += 1) {
    gapAfterRow[r] = ROW_GAP + labelBelow[r] + (r + 1 < rows ? labelAbove[r + 1] : 0);
  }

  const loops = grid.backFlows.size;
  const topBand = labelAbove[0] + 30 + loops * LOOP_TRACK;
  const columnCentre: number[] = [];
  for (let c = 0, x = 0; c < columns; c += 1) {
    columnCentre.push(x + columnWidth[c] / 2);
    x += columnWidth[c] + gapAfterColumn[c];
  }
  const rowCentre: number[] = [];
  for (let r = 0, y = topBand; r < rows; r += 1) {
    rowCentre.push(y + rowHeight[r] / 2);
    y += rowHeight[r] + gapAfterRow[r];
  }

  const shapes = new Map<string, ShapeLayout>();
  for (const node of graph.nodes) {
    const { width, height } = size.get(node.id)!;
    const cx = columnCentre[grid.column.get(node.id)!];
    const cy = rowCentre[grid.row.get(node.id)!];
    shapes.set(node.id, { bounds: { x: Math.round(cx - width / 2), y: Math.round(cy - height / 2), width, height } });
  }
  const boundaryCount = new Map<string, number>();
  const attached = input.nodes.filter((node) => node.attachedTo !== undefined && shapes.has(node.attachedTo));
  for (const node of attached) boundaryCount.set(node.attachedTo!, (boundaryCount.get(node.attachedTo!) ?? 0) + 1);
  const boundarySeen = new Map<string, number>();
  for (const node of attached) {
    const host = shapes.get(node.attachedTo!)!.bounds;
    const count = boundaryCount.get(node.attachedTo!)!;
    const index = boundarySeen.get(node.attachedTo!) ?? 0;
    boundarySeen.set(node.attachedTo!, index + 1);
    const cx = host.x + (host.width * (index + 1)) / (count + 1);
    shapes.set(node.id, { bounds: { x: Math.round(cx - 18), y: host.y + host.height - 18, width: 36, height: 36 } });
  }

  // routing channels: every TRACK px in the gaps between columns and rows, above the first row and below the last
  const xs: number[] = [];
  const ys: number[] = [];
  let right = 0;
  for (let c = 0; c < columns; c += 1) {
    const start = columnCentre[c] + columnWidth[c] / 2;
    for (let x = start + 16; x <= start + gapAfterColumn[c] - 16; x += TRACK) xs.push(Math.round(x));
    right = start + gapAfterColumn[c];
  }
  for (let x = -COLUMN_GAP; x < 0; x += TRACK) xs.push(x);
  for (let r = 0; r < rows; r += 1) {
    const start = rowCentre[r] + rowHeight[r] / 2;
    for (let y = start + 16; y <= start + gapAfterRow[r] - 16; y += TRACK) ys.push(Math.round(y));
  }
  for (let y = labelAbove[0] + 10; y < topBand - 16; y += LOOP_TRACK) ys.push(Math.round(y));
  const bottom = rowCentre[rows - 1] + rowHeight[rows - 1] / 2 + gapAfterRow[rows - 1];
  for (let y = bottom; y < bottom + loops * LOOP_TRACK + 20; y += LOOP_TRACK) ys.push(Math.round(y));
  xs.push(Math.round(right));

  const obstacles: Obstacle[] = [...shapes.entries()].map(([id, shape]) => ({ id, rect: shape.bounds }));
  const hosts = new Set(attached.map((node) => node.attachedTo!));
  const requests = routingOrder(graph, grid).map((flow) => routeRequest(flow, graph, grid.backFlows.has(flow.id), shapes, hosts));
  const router = OrthogonalRouter.withPorts(obstacles, xs, ys, requests);
  const portUse = new Map<string, number>();
  const edges = new Map<string, EdgeLayout>();
  for (const request of requests) {
    const adjusted = {
      ...request,
      sourcePorts: request.sourcePorts.map((port) => ({ ...port, cost: port.cost + 45 * (portUse.get(portKey(request.sourceId, port)) ?? 0) })),
      targetPorts: request.targetPorts.map((port) => ({ ...port, cost: port.cost + 25 * (portUse.get(portKey(request.targetId, port)) ?? 0) })),
    };
    const waypoints = router.route(adjusted);
    edges.set(request.id, { waypoints });
    markPort(portUse, request.sourceId, adjusted.sourcePorts, waypoints[0]);
    markPort(portUse, request.targetId, adjusted.targetPorts, waypoints[waypoints.length - 1]);
  }

  placeLabels(input, shapes, edges, LABEL_WRAP);
  return translate({ shapes, edges }, ORIGIN);
}

function portKey(nodeId: string, port: Port): string {
  return `${nodeId}:${port.point.x},${port.point.y}`;
}

function markPort(use: Map<string, number>, nodeId: string, ports: Port[], point: Point): void {
  const port = ports.find((candidate) => candidate.point.x === point.x && candidate.point.y === point.y);
  if (port) use.set(portKey(nodeId, port), (use.get(portKey(nodeId, port)) ?? 0) + 1);
}

/** Main path first (straight), then the other forward flows left to right, boundary flows, loops last. */
function routingOrder(graph: FlowGraph, grid: ReturnType<typeof placeOnGrid>): LayoutFlow[] {
  const onMain = new Set(grid.mainPath);
  const mainIndex = new Map(grid.mainPath.map((id, index) => [id, index]));
  const tier = (flow: LayoutFlow) => {
    if (grid.backFlows.has(flow.id)) return 3;
    if (graph.isBoundaryFlow(flow)) return 2;
    const source = graph.owner(flow.source);
    if (onMain.has(source) && onMain.has(flow.target) && mainIndex.get(flow.target)! === mainIndex.get(source)! + 1) return 0;
    return 1;
  };
  const column = (flow: LayoutFlow) => grid.column.get(graph.owner(flow.source)) ?? 0;
  const span = (flow: LayoutFlow) => Math.abs((grid.column.get(flow.target) ?? 0) - column(flow));
  return [...graph.flows].sort((a, b) => tier(a) - tier(b) || (tier(a) === 3 ? span(a) - span(b) : column(a) - column(b)) || graph.flows.indexOf(a) - graph.flows.indexOf(b));
}

function routeRequest(flow: LayoutFlow, graph: FlowGraph, isBack: boolean, shapes: Map<string, ShapeLayout>, hosts: Set<string>): RouteRequest {
  const source = graph.byId.get(flow.source)!;
  const target = graph.byId.get(flow.target)!;
  const sourceRect = shapes.get(flow.source)!.bounds;
  const targetRect = shapes.get(flow.target)!.bounds;
  const sourcePorts = source.attachedTo !== undefined
    ? [port(sourceRect, 1, 0)]
    : isBack
      ? [port(sourceRect, 3, 0), port(sourceRect, 1, 10), port(sourceRect, 0, 20)]
      : [port(sourceRect, 0, 0), port(sourceRect, 1, 10), port(sourceRect, 3, 10)];
  const targetPorts = isBack
    ? [port(targetRect, 3, 0), port(targetRect, 1, 10), port(targetRect, 2, 30)]
    : [port(targetRect, 2, 0), port(targetRect, 3, 10), port(targetRect, 1, 10)];
  const withoutBottom = (ports: Port[], id: string) => (hosts.has(id) ? ports.filter((candidate) => candidate.direction !== 1) : ports);
  return {
    id: flow.id,
    sourceId: flow.source,
    targetId: flow.target,
    sourcePorts: source.attachedTo !== undefined ? sourcePorts : withoutBottom(sourcePorts, flow.source),
    targetPorts: withoutBottom(targetPorts, flow.target),
  };
}

function port(rect: Rect, direction: Direction, cost: number): Port {
  const cx = Math.round(rect.x + rect.width / 2);
  const cy = Math.round(rect.y + rect.height / 2);
  const point = [
    { x: rect.x + rect.width, y: cy },
    { x: cx, y: rect.y + rect.height },
    { x: rect.x, y: cy },
    { x: cx, y: rect.y },
  ][direction];
  return { point, direction, cost };
}

function translate(layout: GraphLayout, origin: Point): GraphLayout {
  const rects = [...layout.shapes.values()].flatMap((shape) => [shape.bounds, ...(shape.label ? [shape.label] : [])]);
  const points = [...layout.edges.values()].flatMap((edge) => [...edge.waypoints, ...(edge.label ? [{ x: edge.label.x, y: edge.label.y }] : [])]);
  const minX = Math.min(...rects.map((rect) => rect.x), ...points.map((point) => point.x));
  const minY = Math.min(...rects.map((rect) => rect.y), ...points.map((point) => point.y));
  const dx = origin.x - minX;
  const dy = origin.y - minY;
  const move = (rect: Rect): Rect => ({ ...rect, x: Math.round(rect.x + dx), y: Math.round(rect.y + dy) });
  const shapes = new Map<string, ShapeLayout>();
  for (const [id, shape] of layout.shapes) shapes.set(id, { bounds: move(shape.bounds), ...(shape.label ? { label: move(shape.label) } : {}) });
  const edges = new Map<string, EdgeLayout>();
  for (const [id, edge] of layout.edges) {
    edges.set(id, {
      waypoints: edge.waypoints.map((point) => ({ x: Math.round(point.x + dx), y: Math.round(point.y + dy) })),
      ...(edge.label ? { label: move(edge.label) } : {}),
    });
  }
  return { shapes, edges };
}
