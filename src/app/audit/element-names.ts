import { bpmnModdle } from '../../engine/definitions/lint/moddle';

/** What the audit views need of one deployed diagram version. */
export interface DiagramIndex {
  /** element id → name */
  names: ReadonlyMap<string, string>;
  /** sequence flow id → id of the element it leaves */
  flowSources: ReadonlyMap<string, string>;
}

/** Element names and flow sources of deployed diagram versions. Versions are immutable, so a cache per version id is safe. */
export class ElementNames {
  private readonly byDefinition = new Map<string, DiagramIndex>();

  async of(definitionId: string, source: () => Promise<string>): Promise<ReadonlyMap<string, string>> {
    return (await this.indexOf(definitionId, source)).names;
  }

  async indexOf(definitionId: string, source: () => Promise<string>): Promise<DiagramIndex> {
    const cached = this.byDefinition.get(definitionId);
    if (cached) return cached;
    const names = new Map<string, string>();
    const flowSources = new Map<string, string>();
    const { elementsById } = await bpmnModdle().fromXML(await source());
    for (const [id, element] of Object.entries(elementsById)) {
      if (typeof element.name === 'string' && element.name.length > 0) names.set(id, element.name);
      const sourceRef = element.$type === 'bpmn:SequenceFlow' ? element.get('sourceRef') as { id?: string } | undefined : undefined;
      if (sourceRef?.id) flowSources.set(id, sourceRef.id);
    }
    const index = { names, flowSources };
    this.byDefinition.set(definitionId, index);
    return index;
  }
}
