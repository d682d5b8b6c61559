import type { ModdleElement } from './rules/elements';

export { attributeOf, describeElement, identifiedElement, type ModdleElement, type ModdlePropertyDescriptor } from './rules/elements';

export interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
}

export interface ParsedDefinition {
  rootElement: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: ModdleWarning[];
}

interface BpmnModdle {
  fromXML(xml: string): Promise<ParsedDefinition>;
}

type BpmnModdleConstructor = new (packages: Record<string, unknown>) => BpmnModdle;

// camunda:candidateGroups, camunda:inputOutput, … become typed properties instead of $attrs/generic elements.
const camundaPackage: unknown = require('camunda-bpmn-moddle/resources/camunda.json');

let moddle: BpmnModdle | undefined;

export function bpmnModdle(): BpmnModdle {
  moddle ??= new (loadBpmnModdleConstructor())({ camunda: camundaPackage });
  return moddle;
}

/**
 * bpmn-moddle 10 is ESM-only and ships no typings for its entry point; Node ≥ 20.19 require()s it, giving
 * `{ BpmnModdle }`. A CommonJS build of it exports the constructor itself, so both shapes are accepted.
 */
function loadBpmnModdleConstructor(): BpmnModdleConstructor {
  const loaded = require('bpmn-moddle') as { BpmnModdle?: BpmnModdleConstructor } | BpmnModdleConstructor;
  const constructor = typeof loaded === 'function' ? loaded : loaded.BpmnModdle;
  if (!constructor) throw new Error('bpmn-moddle does not export BpmnModdle');
  return constructor;
}
