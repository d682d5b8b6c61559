import { describeElement, identifiedElement, is, propertyOf, type ModdleElement } from './elements';
import type { GateContext } from './gate-context';
import { message, type MessageKey, type MessageParams } from './messages';

export { is } from './elements';

/** Reports a problem with `element`; nested elements (parameters, listeners) are reported on their closest ancestor with an id. */
export type Report = (element: ModdleElement, key: MessageKey, params?: MessageParams) => void;

interface BpmnlintReporter {
  report(id: string | undefined, message: string): void;
}

export interface BpmnlintRule {
  check(node: ModdleElement, reporter: BpmnlintReporter): void;
}

export type BpmnlintRuleFactory = (config?: unknown) => BpmnlintRule;

/**
 * A bpmnlint rule from a per-node check; every rule of ours gets the whole GateContext as its configuration. A check
 * that throws (a vendor element shaped unlike anything the rule expects) refuses that element with a clear message
 * instead of failing the whole rule; what it threw goes to `reportRuleFailure`, never into the message.
 */
export function defineRule(name: string, check: (node: ModdleElement, report: Report, context: GateContext) => void): BpmnlintRuleFactory {
  return (config) => {
    const context = (config ?? { knownHandlers: [] }) as GateContext;
    const locale = context.locale ?? 'en';
    return {
      check(node, reporter) {
        const report: Report = (element, key, params) => reporter.report(identifiedElement(element).id, message(locale, key, params));
        try {
          check(node, report, context);
        } catch (error) {
          // The internal error text goes to the operator's log only; the client learns which check failed where.
          const rule = `complaint-flow/${name}`;
          context.reportRuleFailure?.(rule, `${describeElement(node)}: ${error instanceof Error ? error.message : String(error)}`);
          reporter.report(identifiedElement(node).id, message(locale, 'rule-failed', { rule }));
        }
      },
    };
  };
}

/** A short one-line excerpt of diagram text for messages. */
export function excerpt(text: string, length = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `\`${line.length > length ? `${line.slice(0, length)}…` : line}\``;
}

/** `input parameter "amount"` */
export function parameterLabel(parameter: ModdleElement): string {
  const direction = is(parameter, 'camunda:OutputParameter') ? 'output' : 'input';
  return `${direction} parameter "${String(propertyOf(parameter, 'name') ?? '')}"`;
}

/** The closest known name to `name` (edit distance at most a third of its length), for "did you mean". */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // an adjacent transposition (haed → head) counts as one edit
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], twoBack[j - 2] + 1);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}

export function listed(names: Iterable<string>): string {
  const sorted = [...names].sort();
  if (sorted.length === 0) return 'none';
  return sorted.length > 12 ? `${sorted.slice(0, 12).join(', ')}, …` : sorted.join(', ');
}
