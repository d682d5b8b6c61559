/// <reference path="./bpmn-modules.d.ts" />
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import lintModule from 'bpmn-js-bpmnlint';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import camundaBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import type { GateContext } from '../../../../src/engine/definitions/lint/rules/gate-context';
import { modelerLintConfig } from './lint-rules';
import { zhTranslateModule } from './translations';

export type BpmnModeler = InstanceType<typeof Modeler>;
export type BpmnViewer = InstanceType<typeof NavigatedViewer>;

export interface ModelerOptions {
  canvas: HTMLElement;
  propertiesPanel: HTMLElement;
  /** From GET /processes/:key/lint-context: what the gate knows (handlers, roles, variables, the process key). */
  lintContext: GateContext;
}

/** bpmn-js with the Camunda 7 properties panel (forms, assignment, due dates, timers, conditions) and live lint. */
export function createModeler(options: ModelerOptions): BpmnModeler {
  return new Modeler({
    container: options.canvas,
    propertiesPanel: { parent: options.propertiesPanel },
    linting: { active: true, bpmnlint: modelerLintConfig(options.lintContext) },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, camundaBehaviors, lintModule, zhTranslateModule],
    moddleExtensions: { camunda: camundaModdle },
  });
}

/** Earlier versions open read-only. */
export function createViewer(canvas: HTMLElement): BpmnViewer {
  return new NavigatedViewer({ container: canvas, additionalModules: [zhTranslateModule], moddleExtensions: { camunda: camundaModdle } });
}
