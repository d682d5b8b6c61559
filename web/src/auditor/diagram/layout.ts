/** Diagrams deployed without DI (shapes and positions) get an automatic layout before the viewer imports them. */
export async function withLayout(xml: string): Promise<string> {
  if (/<(\w+:)?BPMNShape\b/.test(xml)) return xml;
  const { layoutProcess } = await import('bpmn-auto-layout');
  return layoutProcess(xml);
}
