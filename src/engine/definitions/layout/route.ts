import type { Point, Rect } from './types';

/** Outward direction of a port: right, down, left, up. */
export type Direction = 0 | 1 | 2 | 3;
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

export interface Port {
  point: Point;
  direction: Direction;
  /** Added to the route's cost: how much less natural this side is. */
  cost: number;
}

export interface Obstacle {
  id: string;
  rect: Rect;
}

export interface RouteRequest {
  id: string;
  sourceId: string;
  targetId: string;
  sourcePorts: Port[];
  targetPorts: Port[];
}

const MARGIN = 12;
const BEND_COST = 30;
const SHARED_COST_PER_PX = 4;
const SHARED_COST = 40;
const CROSSING_COST = 12;

interface Occupant {
  source: string;
  target: string;
}

/**
 * Orthogonal connector routing: a cheapest path over a sparse grid of candidate lines (shape sides plus margin,
 * ports, free channels between rows and columns) that keeps clear of shapes, prefers few bends, and avoids
 * running on top of or across connections routed before it (except those sharing its source or target).
 */
export class OrthogonalRouter {
  private readonly xs: number[];
  private readonly ys: number[];
  private readonly blockers = new Map<number, number[]>();
  private readonly used = new Map<number, Occupant[]>();
  private readonly pointUse = new Map<number, Occupant[]>();

  constructor(private readonly obstacles: Obstacle[], xs: number[], ys: number[]) {
    const lines = (values: number[], sides: (rect: Rect) => number[]) =>
      [...new Set([...values, ...obstacles.flatMap((obstacle) => sides(inflate(obstacle.rect, MARGIN)))].map(Math.round))].sort((a, b) => a - b);
    this.xs = lines(xs, (rect) => [rect.x, rect.x + rect.width]);
    this.ys = lines(ys, (rect) => [rect.y, rect.y + rect.height]);
    obstacles.forEach((obstacle, index) => this.markBlocked(inflate(obstacle.rect, MARGIN), index));
  }

  /** Adds the lines of ports that are not on the grid yet. Call before routing. */
  static withPorts(obstacles: Obstacle[], xs: number[], ys: number[], requests: RouteRequest[]): OrthogonalRouter {
    const ports = requests.flatMap((request) => [...request.sourcePorts, ...request.targetPorts]);
    return new OrthogonalRouter(obstacles, [...xs, ...ports.map((port) => port.point.x)], [...ys, ...ports.map((port) => port.point.y)]);
  }

  route(request: RouteRequest): Point[] {
    const nx = this.xs.length;
    const ny = this.ys.length;
    const states = nx * ny * 4;
    const cost = new Float64Array(states).fill(Infinity);
    const previous = new Int32Array(states).fill(-1);
    const heap = new MinHeap();
    const own = new Set([request.sourceId, request.targetId]);
    const ownRects = this.obstacles.map((obstacle) => (own.has(obstacle.id) ? inflate(obstacle.rect, 1) : undefined));

    const startPoints = new Set<number>();
    for (const port of request.sourcePorts) {
      const point = this.pointIndex(port.point);
      if (point < 0) continue;
      startPoints.add(point);
      const state = point * 4 + port.direction;
      if (port.cost < cost[state]) {
        cost[state] = port.cost;
        heap.push(state, port.cost + this.estimate(point, request.targetPorts));
      }
    }
    const goals = new Map<number, number>();
    for (const port of request.targetPorts) {
      const point = this.pointIndex(port.point);
      if (point >= 0) goals.set(point * 4 + ((port.direction + 2) % 4), port.cost);
    }

    let reached = -1;
    let best = Infinity;
    while (heap.size > 0) {
      const [state, priority] = heap.pop();
      if (priority >= best) break;
      const base = cost[state];
      const goalCost = goals.get(state);
      if (goalCost !== undefined && base + goalCost < best) {
        best = base + goalCost;
        reached = state;
      }
      const point = state >> 2;
      const direction = state & 3;
      const i = point % nx;
      const j = (point - i) / nx;
      for (let turn = 0; turn < 4; turn += 1) {
        if (turn === ((direction + 2) & 3)) continue;
        if (turn !== direction && startPoints.has(point) && base === cost[state] && previous[state] === -1) continue;
        const ni = i + DX[turn];
        const nj = j + DY[turn];
        if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
        const segment = this.segmentIndex(i, j, ni, nj);
        if (!this.passable(segment, i, j, ni, nj, ownRects, request)) continue;
        const length = Math.abs(this.xs[ni] - this.xs[i]) + Math.abs(this.ys[nj] - this.ys[j]);
        const nextPoint = nj * nx + ni;
        let step = length + (turn === direction ? 0 : BEND_COST);
        step += this.sharingCost(segment, request, length);
        step += this.crossingCost(nextPoint, turn, request);
        const nextState = nextPoint * 4 + turn;
        if (base + step < cost[nextState]) {
          cost[nextState] = base + step;
          previous[nextState] = state;
          heap.push(nextState, base + step + this.estimate(nextPoint, request.targetPorts));
        }
      }
    }
    if (reached < 0) return this.fallback(request);

    const points: Point[] = [];
    for (let state = reached; state >= 0; state = previous[state]) {
      const point = state >> 2;
      points.unshift({ x: this.xs[point % nx], y: this.ys[Math.floor(point / nx)] });
    }
    this.occupy(points, request);
    return simplify(points);
  }

  private fallback(request: RouteRequest): Point[] {
    const from = request.sourcePorts[0].point;
    const to = request.targetPorts[0].point;
    return simplify([from, { x: from.x, y: to.y }, to]);
  }

  private estimate(point: number, targets: Port[]): number {
    const x = this.xs[point % this.xs.length];
    const y = this.ys[Math.floor(point / this.xs.length)];
    return Math.min(...targets.map((port) => Math.abs(port.point.x - x) + Math.abs(port.point.y - y)));
  }

  private pointIndex(point: Point): number {
    const i = this.xs.indexOf(Math.round(point.x));
    const j = this.ys.indexOf(Math.round(point.y));
    return i < 0 || j < 0 ? -1 : j * this.xs.length + i;
  }

  /** Horizontal segments are numbered 2·(j·nx+i), vertical ones 2·(j·nx+i)+1, from their left/top point. */
  private segmentIndex(i: number, j: number, ni: number, nj: number): number {
    const nx = this.xs.length;
    return j === nj ? 2 * (j * nx + Math.min(i, ni)) : 2 * (Math.min(j, nj) * nx + i) + 1;
  }

  private markBlocked(rect: Rect, obstacle: number): void {
    const nx = this.xs.length;
    const inside = (values: number[], low: number, high: number) => values.map((value, index) => (value > low && value < high ? index : -1)).filter((index) => index >= 0);
    const spanning = (values: number[], low: number, high: number) => values.map((value, index) => (index + 1 < values.length && value >= low && values[index + 1] <= high ? index : -1)).filter((index) => index >= 0);
    const block = (segment: number) => {
      const list = this.blockers.get(segment) ?? [];
      list.push(obstacle);
      this.blockers.set(segment, list);
    };
    for (const j of inside(this.ys, rect.y, rect.y + rect.height)) {
      for (const i of spanning(this.xs, rect.x, rect.x + rect.width)) block(2 * (j * nx + i));
    }
    for (const i of inside(this.xs, rect.x, rect.x + rect.width)) {
      for (const j of spanning(this.ys, rect.y, rect.y + rect.height)) block(2 * (j * nx + i) + 1);
    }
  }

  private passable(segment: number, i: number, j: number, ni: number, nj: number, ownRects: (Rect | undefined)[], request: RouteRequest): boolean {
    const blockers = this.blockers.get(segment);
    if (!blockers) return true;
    for (const obstacle of blockers) {
      const rect = ownRects[obstacle];
      if (!rect) return false;
      const a = { x: this.xs[i], y: this.ys[j] };
      const b = { x: this.xs[ni], y: this.ys[nj] };
      if (segmentCrossesRect(a, b, rect) && !isPortStub(a, b, request)) return false;
    }
    return true;
  }

  private sharingCost(segment: number, request: RouteRequest, length: number): number {
    const occupants = this.used.get(segment);
    if (!occupants) return 0;
    return occupants.some((other) => other.source !== request.sourceId && other.target !== request.targetId) ? SHARED_COST + length * SHARED_COST_PER_PX : 0;
  }

  private crossingCost(point: number, direction: number, request: RouteRequest): number {
    const occupants = this.pointUse.get(point * 2 + ((direction & 1) ^ 1));
    if (!occupants) return 0;
    return occupants.some((other) => other.source !== request.sourceId && other.target !== request.targetId) ? CROSSING_COST : 0;
  }

  private occupy(points: Point[], request: RouteRequest): void {
    const occupant = { source: request.sourceId, target: request.targetId };
    const nx = this.xs.length;
    for (let k = 0; k + 1 < points.length; k += 1) {
      const i = this.xs.indexOf(points[k].x);
      const j = this.ys.indexOf(points[k].y);
      const ni = this.xs.indexOf(points[k + 1].x);
      const nj = this.ys.indexOf(points[k + 1].y);
      const segment = this.segmentIndex(i, j, ni, nj);
      this.used.set(segment, [...(this.used.get(segment) ?? []), occupant]);
      const vertical = i === ni ? 1 : 0;
      for (const point of [j * nx + i, nj * nx + ni]) {
        const key = point * 2 + vertical;
        this.pointUse.set(key, [...(this.pointUse.get(key) ?? []), occupant]);
      }
    }
  }
}

function isPortStub(a: Point, b: Point, request: RouteRequest): boolean {
  return [...request.sourcePorts, ...request.targetPorts].some((port) => {
    const { x, y } = port.point;
    const touches = (a.x === x && a.y === y) || (b.x === x && b.y === y);
    if (!touches) return false;
    const other = a.x === x && a.y === y ? b : a;
    return Math.sign(other.x - x) === DX[port.direction] && Math.sign(other.y - y) === DY[port.direction];
  });
}

function segmentCrossesRect(a: Point, b: Point, rect: Rect): boolean {
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x, b.x);
  const top = Math.min(a.y, b.y);
  const bottom = Math.max(a.y, b.y);
  return right > rect.x && left < rect.x + rect.width && bottom > rect.y && top < rect.y + rect.height;
}

export function inflate(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}

export function simplify(points: Point[]): Point[] {
  const result: Point[] = [];
  for (const point of points) {
    const last = result[result.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const beforeLast = result[result.length - 2];
    if (beforeLast && last && ((beforeLast.x === last.x && last.x === point.x) || (beforeLast.y === last.y && last.y === point.y))) result.pop();
    result.push(point);
  }
  return result;
}

class MinHeap {
  private readonly keys: number[] = [];
  private readonly priorities: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, priority: number): void {
    this.keys.push(key);
    this.priorities.push(priority);
    let index = this.keys.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.priorities[parent] <= priority) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0], this.priorities[0]];
    const lastKey = this.keys.pop()!;
    const lastPriority = this.priorities.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.priorities[0] = lastPriority;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < this.keys.length && this.priorities[left] < this.priorities[smallest]) smallest = left;
        if (right < this.keys.length && this.priorities[right] < this.priorities[smallest]) smallest = right;
        if (smallest === index) break;
        this.swap(index, smallest);
        index = smallest;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.priorities[a], this.priorities[b]] = [this.priorities[b], this.priorities[a]];
  }
}
