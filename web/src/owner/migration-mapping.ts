import type { MigrationPlan, UnmappedElement } from './api';

/** A row of the dialog's mapping: an element the target version lacks, and what it could be mapped to there. */
export type MappingRow = UnmappedElement;

/**
 * The rows to choose mappings in: every element a dry run said needs one, and those of earlier dry runs (against the
 * same target), so an element already mapped keeps its row and its choice.
 */
export function mappingRows(previous: MappingRow[], plan: MigrationPlan): MappingRow[] {
  const rows = new Map(previous.map((row) => [row.elementId, row]));
  for (const element of plan.unmapped ?? []) rows.set(element.elementId, element);
  return [...rows.values()];
}

/** The mapping the API takes: only the rows given a target. */
export function chosenMapping(mapping: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim()))
    .map(([source, target]) => [source, target.trim()]));
}

/** `停在「分类派单」`, or `「质量验证」→「处理投诉」` for a step mapped to another. */
export function describeMoves(moves: { from: string; to: string }[], stepName: (elementId: string) => string): string {
  return moves.map((move) => (move.from === move.to ? `停在「${stepName(move.from)}」` : `「${stepName(move.from)}」→「${stepName(move.to)}」`)).join('，');
}
