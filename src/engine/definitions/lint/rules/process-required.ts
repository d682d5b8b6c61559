import type { ModdleElement } from '../moddle-element';
import { defineRule, is } from './rule';

export const processRequired = defineRule((node, report) => {
  if (!is(node, 'bpmn:Definitions')) return;
  const rootElements = node.get('rootElements') as ModdleElement[];
  if (!rootElements.some((element) => is(element, 'bpmn:Process'))) {
    report(node, 'defines no process, so there is nothing to deploy');
  }
});
