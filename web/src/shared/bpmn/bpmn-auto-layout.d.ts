declare module 'bpmn-auto-layout' {
  /** Returns the BPMN XML with diagram interchange (shapes and edges) computed for its processes. */
  export function layoutProcess(xml: string): Promise<string>;
}
