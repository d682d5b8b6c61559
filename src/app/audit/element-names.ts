import { bpmnModdle } from '../../engine/definitions/lint/moddle';

/** Element id → name of deployed diagram versions. Versions are immutable, so a cache per version id is safe. */
export class ElementNames {
  private readonly byDefinition = new Map<string, ReadonlyMap<string, string>>();

  async of(definitionId: string, source: () => Promise<string>): Promise<ReadonlyMap<string, string>> {
    const cached = this.byDefinition.get(definitionId);
    if (cached) return cached;
    const names = new Map<string, string>();
    const { elementsById } = await bpmnModdle().fromXML(await source());
    for (const [id, element] of Object.entries(elementsById)) {
      if (typeof element.name === 'string' && element.name.length > 0) names.set(id, element.name);
    }
    this.byDefinition.set(definitionId, names);
    return names;
  }
}
