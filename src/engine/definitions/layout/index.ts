export { extractDiagram, type ExtractedDiagram, type ModdleLike } from './from-moddle';
export { layoutGraph } from './layout-graph';
export { writeLayout } from './write-di';
export type { GraphLayout, LayoutGraph, Rect } from './types';
