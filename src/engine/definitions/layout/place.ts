import type { LayoutFlow, LayoutGraph, LayoutNode } from './types';

/**
 * Where each node goes on a grid of columns (left to right, by longest path from the start) and rows: the main
 * path on row 0, every branch as one straight chain on the nearest free row below where it leaves.
 */
export interface GridPlacement {
  column: Map<string, number>;
  row: Map<string, number>;
  mainPath: string[];
  /** Flows that go back against the reading direction (loops). */
  backFlows: Set<string>;
}

export class FlowGraph {
  readonly nodes: LayoutNode[];
  readonly byId = new Map<string, LayoutNode>();
  readonly order = new Map<string, number>();
  readonly flows: LayoutFlow[];
  /** Outgoing flows of a node, its own first, then those leaving its boundary events. */
  readonly outgoing = new Map<string, LayoutFlow[]>();
  readonly incoming = new Map<string, LayoutFlow[]>();

  constructor(graph: LayoutGraph) {
    for (const node of graph.nodes) this.byId.set(node.id, node);
    this.nodes = graph.nodes.filter((node) => node.attachedTo === undefined || !this.byId.has(node.attachedTo));
    this.nodes.forEach((node, index) => this.order.set(node.id, index));
    this.flows = graph.flows.filter((flow) => this.byId.has(flow.source) && this.byId.has(flow.target));
    for (const node of this.nodes) {
      this.outgoing.set(node.id, []);
      this.incoming.set(node.id, []);
    }
    const own = this.flows.filter((flow) => !this.isBoundaryFlow(flow));
    const fromBoundaries = this.flows.filter((flow) => this.isBoundaryFlow(flow));
    for (const flow of [...own, ...fromBoundaries]) {
      this.outgoing.get(this.owner(flow.source))?.push(flow);
      this.incoming.get(this.owner(flow.target))?.push(flow);
    }
  }

  /** The node a flow leaves on the grid: a boundary event's host. */
  owner(id: string): string {
    const node = this.byId.get(id);
    return node?.attachedTo !== undefined && this.byId.has(node.attachedTo) ? node.attachedTo : id;
  }

  isBoundaryFlow(flow: LayoutFlow): boolean {
    return this.owner(flow.source) !== flow.source;
  }
}

export function placeOnGrid(graph: FlowGraph): GridPlacement {
  const backFlows = findBackFlows(graph);
  const forward = (flow: LayoutFlow) => !backFlows.has(flow.id);
  const rank = longestPathRanks(graph, forward);
  const paths = new PathChooser(graph, rank, forward);

  const column = new Map<string, number>();
  const row = new Map<string, number>();
  const occupied = new Map<number, Set<number>>();
  const put = (chain: string[], rowIndex: number) => {
    const cells = occupied.get(rowIndex) ?? new Set<number>();
    occupied.set(rowIndex, cells);
    for (const id of chain) {
      column.set(id, rank.get(id) ?? 0);
      row.set(id, rowIndex);
      cells.add(rank.get(id) ?? 0);
    }
  };
  const freeRow = (chain: string[], from: number) => {
    const columns = chain.map((id) => rank.get(id) ?? 0);
    const first = Math.min(...columns);
    const last = Math.max(...columns);
    for (let candidate = from; ; candidate += 1) {
      const cells = occupied.get(candidate);
      let free = true;
      for (let c = first; c <= last && free; c += 1) if (cells?.has(c)) free = false;
      if (free) return candidate;
    }
  };

  const mainPath = paths.chain(paths.mainStart(), () => true);
  put(mainPath, 0);

  for (;;) {
    const unplaced = (id: string) => !row.has(id);
    const anchor = nextBranch(graph, column, row, forward);
    if (anchor) {
      const chain = paths.chain(anchor.target, unplaced);
      put(chain, freeRow(chain, anchor.row + 1));
      continue;
    }
    const rest = graph.nodes.filter((node) => unplaced(node.id));
    if (rest.length === 0) break;
    const start = rest.find((node) => (graph.incoming.get(node.id) ?? []).every((flow) => !forward(flow) || !unplaced(graph.owner(flow.source)))) ?? rest[0];
    const chain = paths.chain(start.id, unplaced);
    put(chain, freeRow(chain, Math.max(0, ...row.values()) + 1));
  }
  return { column, row, mainPath, backFlows };
}

/** The first forward flow, from the rightmost placed node, into a node not yet placed. */
function nextBranch(graph: FlowGraph, column: Map<string, number>, row: Map<string, number>, forward: (flow: LayoutFlow) => boolean): { target: string; row: number } | undefined {
  // rightmost first: a branch nested inside a wider one gets the row nearer its source, so lines need not cross
  const placed = [...row.keys()].sort((a, b) => (column.get(b)! - column.get(a)!) || (row.get(a)! - row.get(b)!) || (graph.order.get(a)! - graph.order.get(b)!));
  for (const id of placed) {
    for (const flow of graph.outgoing.get(id) ?? []) {
      if (forward(flow) && !row.has(flow.target)) return { target: flow.target, row: row.get(id)! };
    }
  }
  return undefined;
}

/** Depth-first from the start events in document order; a flow into a node still on the stack closes a loop. */
export function findBackFlows(graph: FlowGraph): Set<string> {
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const roots = [
    ...graph.nodes.filter((node) => (graph.incoming.get(node.id) ?? []).length === 0),
    ...graph.nodes,
  ];
  for (const root of roots) {
    if (state.has(root.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const flows = graph.outgoing.get(top.id) ?? [];
      if (top.next >= flows.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const flow = flows[top.next++];
      const target = flow.target;
      const targetState = state.get(target);
      if (targetState === 'open') back.add(flow.id);
      else if (targetState === undefined && graph.byId.has(target)) {
        state.set(target, 'open');
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return back;
}

/** Column of every node: the longest forward path from a node without predecessors. */
export function longestPathRanks(graph: FlowGraph, forward: (flow: LayoutFlow) => boolean): Map<string, number> {
  const rank = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const node of graph.nodes) pending.set(node.id, (graph.incoming.get(node.id) ?? []).filter(forward).length);
  const ready = graph.nodes.filter((node) => pending.get(node.id) === 0).map((node) => node.id);
  for (const id of ready) rank.set(id, 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    for (const flow of graph.outgoing.get(id) ?? []) {
      if (!forward(flow)) continue;
      const target = flow.target;
      rank.set(target, Math.max(rank.get(target) ?? 0, rank.get(id)! + 1));
      const left = pending.get(target)! - 1;
      pending.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return rank;
}

/**
 * Picks which way a chain continues at a split. Of the successors that reach as far right as any, a detour that
 * only leads back into another successor's path (that successor post-dominates it) is a branch, not the way on;
 * then the nearest column wins, then document order.
 */
class PathChooser {
  private readonly reach = new Map<string, number>();

  constructor(private readonly graph: FlowGraph, private readonly rank: Map<string, number>, private readonly forward: (flow: LayoutFlow) => boolean) {
    const byRankDescending = [...graph.nodes].sort((a, b) => rank.get(b.id)! - rank.get(a.id)!);
    for (const node of byRankDescending) {
      const next = this.successors(node.id);
      this.reach.set(node.id, next.length === 0 ? rank.get(node.id)! : Math.max(...next.map((id) => this.reach.get(id) ?? 0)));
    }
  }

  /** Forward successors along the node's own flows (not its boundary events'). */
  successors(id: string): string[] {
    const flows = (this.graph.outgoing.get(id) ?? []).filter((flow) => this.forward(flow) && !this.graph.isBoundaryFlow(flow));
    return [...new Set(flows.map((flow) => flow.target))];
  }

  mainStart(): string {
    const starts = this.graph.nodes.filter((node) => (this.graph.incoming.get(node.id) ?? []).filter(this.forward).length === 0);
    const candidates = starts.length > 0 ? starts : this.graph.nodes;
    const preferred = candidates.filter((node) => node.kind === 'event');
    const pool = preferred.length > 0 ? preferred : candidates;
    return pool.reduce((best, node) => (this.reach.get(node.id)! > this.reach.get(best.id)! ? node : best)).id;
  }

  chain(from: string, allowed: (id: string) => boolean): string[] {
    const chain = [from];
    const seen = new Set(chain);
    for (let current = from; ;) {
      const candidates = this.successors(current).filter((id) => allowed(id) && !seen.has(id));
      if (candidates.length === 0) return chain;
      current = this.pick(candidates);
      chain.push(current);
      seen.add(current);
    }
  }

  private pick(candidates: string[]): string {
    const farthest = Math.max(...candidates.map((id) => this.reach.get(id)!));
    let pool = candidates.filter((id) => this.reach.get(id) === farthest);
    const throughRoutes = pool.filter((id) => !pool.some((other) => other !== id && this.postDominates(other, id)));
    if (throughRoutes.length > 0) pool = throughRoutes;
    return pool.reduce((best, id) => (this.rank.get(id)! < this.rank.get(best)! ? id : best));
  }

  /** Every forward path from `node` to an end passes through `dominator`. */
  private postDominates(dominator: string, node: string): boolean {
    const seen = new Set([dominator, node]);
    const stack = [node];
    while (stack.length > 0) {
      const next = this.successors(stack.pop()!);
      if (next.length === 0) return false;
      for (const id of next) {
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(id);
      }
    }
    return true;
  }
}
