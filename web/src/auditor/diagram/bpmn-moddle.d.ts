/** The part of bpmn-moddle 10 (ships no types) the auto-layout preparation uses. */
declare module 'bpmn-moddle' {
  interface Moddle {
    fromXML(xml: string): Promise<{ rootElement: unknown; elementsById: Record<string, unknown> }>;
    toXML(element: unknown): Promise<{ xml: string }>;
  }
  export function BpmnModdle(): Moddle;
}
