/* bpmn-js-bpmnlint, the properties panel and the Camunda behaviours ship no typings for these entry points. */
declare module 'bpmn-js-bpmnlint' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: import('didi').ModuleDeclaration;
  export function useService(name: string): unknown;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
