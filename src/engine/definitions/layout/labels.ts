import { externalLabelBox } from './text-metrics';
import type { EdgeLayout, LayoutGraph, Point, Rect, ShapeLayout } from './types';

const GAP = 4;

/**
 * Puts the external labels (events, gateways, named flows) on the first candidate position that overlaps no
 * shape, no line and no label placed before; the candidates follow modeler habits (event labels below, gateway
 * labels above, a flow's label next to its first segment).
 */
export function placeLabels(graph: LayoutGraph, shapes: Map<string, ShapeLayout>, edges: Map<string, EdgeLayout>, wrap: number): void {
  const blocked: Rect[] = [...shapes.values()].map((shape) => shape.bounds);
  for (const edge of edges.values()) blocked.push(...segmentRects(edge.waypoints));

  const choose = (candidates: Rect[]): Rect => {
    let best = candidates[0];
    let bestOverlap = Infinity;
    for (const candidate of candidates) {
      const overlap = blocked.reduce((sum, rect) => sum + overlapArea(candidate, rect), 0);
      if (overlap === 0) return candidate;
      if (overlap < bestOverlap) {
        best = candidate;
        bestOverlap = overlap;
      }
    }
    return best;
  };

  for (const node of graph.nodes) {
    const shape = shapes.get(node.id);
    if (!shape || node.kind === 'activity' || !node.name) continue;
    const box = externalLabelBox(node.name, wrap);
    const label = choose(nodeCandidates(node.kind === 'gateway', node.attachedTo !== undefined, shape.bounds, box));
    shape.label = label;
    blocked.push(inflateRect(label, 2));
  }
  for (const flow of graph.flows) {
    const edge = edges.get(flow.id);
    if (!edge || !flow.name) continue;
    const box = externalLabelBox(flow.name, wrap);
    const others = [...edges.entries()].filter(([id]) => id !== flow.id).map(([, other]) => other.waypoints);
    const label = choose(flowCandidates(edge.waypoints, box, others));
    edge.label = label;
    blocked.push(inflateRect(label, 2));
  }
}

function nodeCandidates(gateway: boolean, boundary: boolean, bounds: Rect, box: { width: number; height: number }): Rect[] {
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  const { width, height } = box;
  const at = (x: number, y: number): Rect => ({ x: Math.round(x), y: Math.round(y), width, height });
  const below = at(cx - width / 2, bounds.y + bounds.height + GAP);
  const above = at(cx - width / 2, bounds.y - height - GAP);
  const right = at(bounds.x + bounds.width + GAP, cy - height / 2);
  const left = at(bounds.x - width - GAP, cy - height / 2);
  const aboveRight = at(cx + GAP, bounds.y - height - GAP);
  const aboveLeft = at(cx - width - GAP, bounds.y - height - GAP);
  const belowRight = at(cx + 2 * GAP, bounds.y + bounds.height + GAP);
  const belowLeft = at(cx - width - 2 * GAP, bounds.y + bounds.height + GAP);
  if (boundary) return [belowRight, belowLeft, at(bounds.x + bounds.width + GAP, bounds.y + bounds.height - 4), at(bounds.x - width - GAP, bounds.y + bounds.height - 4), below];
  if (gateway) return [above, aboveLeft, aboveRight, below, belowLeft, belowRight, left, right];
  return [below, belowRight, belowLeft, above, right, left, aboveRight, aboveLeft];
}

/** Next to the flow's own segments, nearest its source first; segments it shares with other flows come last. */
function flowCandidates(points: Point[], box: { width: number; height: number }, others: Point[][]): Rect[] {
  const { width, height } = box;
  const own: Rect[] = [];
  const shared: Rect[] = [];
  for (let k = 0; k + 1 < points.length && k < 6; k += 1) {
    const a = points[k];
    const b = points[k + 1];
    const candidates = others.some((other) => sharesSegment(a, b, other)) ? shared : own;
    const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    for (let t = 8; t === 8 || t + 8 <= length; t += 16) {
      if (a.y === b.y) {
        const forward = b.x >= a.x;
        const x = forward ? a.x + t : a.x - t - width;
        candidates.push({ x, y: a.y - height - 3, width, height }, { x, y: a.y + 3, width, height });
      } else {
        const down = b.y >= a.y;
        const y = down ? a.y + t : a.y - t - height;
        candidates.push({ x: a.x + 5, y, width, height }, { x: a.x - width - 5, y, width, height });
      }
    }
  }
  return [...own, ...shared].map((rect) => ({ ...rect, x: Math.round(rect.x), y: Math.round(rect.y) }));
}

function sharesSegment(a: Point, b: Point, other: Point[]): boolean {
  for (let k = 0; k + 1 < other.length; k += 1) {
    const c = other[k];
    const d = other[k + 1];
    if (a.y === b.y && c.y === d.y && a.y === c.y) {
      if (Math.min(Math.max(a.x, b.x), Math.max(c.x, d.x)) - Math.max(Math.min(a.x, b.x), Math.min(c.x, d.x)) > 0) return true;
    } else if (a.x === b.x && c.x === d.x && a.x === c.x) {
      if (Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y)) - Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y)) > 0) return true;
    }
  }
  return false;
}

function segmentRects(points: Point[]): Rect[] {
  const rects: Rect[] = [];
  for (let k = 0; k + 1 < points.length; k += 1) {
    const x = Math.min(points[k].x, points[k + 1].x);
    const y = Math.min(points[k].y, points[k + 1].y);
    rects.push(inflateRect({ x, y, width: Math.abs(points[k + 1].x - points[k].x), height: Math.abs(points[k + 1].y - points[k].y) }, 2));
  }
  return rects;
}

function inflateRect(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}

export function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}
