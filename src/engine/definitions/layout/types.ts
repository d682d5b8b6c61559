/** Plain data the layout works on: no moddle, no DOM, so the same code runs in the CLI and in the browser. */

export type NodeKind = 'activity' | 'gateway' | 'event';

export interface LayoutNode {
  id: string;
  kind: NodeKind;
  name?: string;
  /** Set for boundary events: the activity they sit on. */
  attachedTo?: string;
  /** Exclusive gateways show their X marker. */
  markerVisible?: boolean;
  /** Sub-processes are drawn collapsed; their content gets its own diagram. */
  collapsed?: boolean;
}

export interface LayoutFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
}

export interface LayoutGraph {
  nodes: LayoutNode[];
  flows: LayoutFlow[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShapeLayout {
  bounds: Rect;
  label?: Rect;
}

export interface EdgeLayout {
  waypoints: Point[];
  label?: Rect;
}

export interface GraphLayout {
  shapes: Map<string, ShapeLayout>;
  edges: Map<string, EdgeLayout>;
}
