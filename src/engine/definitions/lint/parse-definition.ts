import { bpmnModdle, describeElement, type ModdleElement, type ModdleWarning } from './moddle';
import type { SourcePositions } from './source-positions';
import type { LintIssue } from './types';

const PARSE_RULE = 'bpmn-parse';

export interface ParseResult {
  /** Absent when the XML could not be read into a model at all. */
  definitions?: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  issues: LintIssue[];
}

/**
 * Reads the XML into a bpmn-moddle model. Every warning becomes an error issue: what moddle cannot understand it
 * drops (an unknown element, a misspelt camunda attribute, a dangling reference), which silently changes the process.
 */
export async function parseDefinition(xml: string, positions: SourcePositions): Promise<ParseResult> {
  try {
    const { rootElement, elementsById, warnings } = await bpmnModdle().fromXML(xml);
    return {
      definitions: rootElement,
      elementsById,
      issues: warnings.map((warning) => warningIssue(warning, positions)),
    };
  } catch (error) {
    const warnings = (error as { warnings?: ModdleWarning[] }).warnings ?? [];
    const failure = { message: error instanceof Error ? error.message : String(error) };
    return { elementsById: {}, issues: [failure, ...warnings].map((warning) => warningIssue(warning, positions)) };
  }
}

function warningIssue(warning: ModdleWarning, positions: SourcePositions): LintIssue {
  const { text, line, column } = splitModdleMessage(warning.message);
  const element = warning.element;
  const elementPosition = positions.ofElement(element?.id);
  const property = warning.property && !text.includes(warning.property) ? ` (${warning.property})` : '';
  return {
    severity: 'error',
    rule: PARSE_RULE,
    message: element ? `${describeElement(element)}: ${text}${property}` : text,
    ...(element?.id === undefined ? {} : { elementId: element.id }),
    // moddle reports 0-based positions
    line: line !== undefined ? line + 1 : (elementPosition?.line ?? 1),
    column: column !== undefined ? column + 1 : (elementPosition?.column ?? 1),
  };
}

/** "unparsable content <x> detected\n\tline: 3\n\tcolumn: 70\n\tnested error: unknown type <bpmn:X>" */
function splitModdleMessage(message: string): { text: string; line?: number; column?: number } {
  const [headline, ...details] = message.split('\n').map((part) => part.trim());
  const detail = (key: string) => details.find((part) => part.startsWith(`${key}:`))?.slice(key.length + 1).trim();
  const line = detail('line');
  const column = detail('column');
  const nested = detail('nested error');
  return {
    text: nested ? `${headline.replace(/ detected$/, '')}: ${nested}` : headline,
    line: line !== undefined ? Number(line) : undefined,
    column: column !== undefined ? Number(column) : undefined,
  };
}
