import { identifiedElement, type ModdleElement } from '../moddle-element';

/** Reports a problem with `element`; nested elements (parameters, listeners) are reported on their closest ancestor with an id. */
export type Report = (element: ModdleElement, message: string) => void;

interface BpmnlintReporter {
  report(id: string | undefined, message: string): void;
}

export interface BpmnlintRule {
  check(node: ModdleElement, reporter: BpmnlintReporter): void;
}

export type BpmnlintRuleFactory = (config?: unknown) => BpmnlintRule;

/** A bpmnlint rule from a per-node check; `config` is the options object given to the rule in the lint config. */
export function defineRule<Config>(check: (node: ModdleElement, report: Report, config: Config) => void): BpmnlintRuleFactory {
  return (config) => ({
    check(node, reporter) {
      check(node, (element, message) => reporter.report(identifiedElement(element).id, message), config as Config);
    },
  });
}

export function is(element: ModdleElement, type: string): boolean {
  return element.$instanceOf(type);
}

/** A short one-line excerpt of diagram text for messages. */
export function excerpt(text: string, length = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `\`${line.length > length ? `${line.slice(0, length)}…` : line}\``;
}

/** `input parameter "amount"` */
export function parameterLabel(parameter: ModdleElement): string {
  const direction = is(parameter, 'camunda:OutputParameter') ? 'output' : 'input';
  return `${direction} parameter "${String(parameter.get('name') ?? '')}"`;
}
