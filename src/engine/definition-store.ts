import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { isDuplicateKey } from './lease-locker';
import { DefinitionRow } from '../persistence/entities/engine';
import { requireOperation } from './operation-context';

export interface DefinitionVersion {
  id: string;
  processKey: string;
  version: number;
  deployedAt: Date;
  deployedBy: string | null;
}

export interface DeployResult extends DefinitionVersion {
  created: boolean;
}

/** Checks a diagram before it is accepted; returns human-readable problems (empty = fine). */
export type DefinitionGate = (xml: string, processKey: string) => Promise<Array<{ message: string; line?: number; elementId?: string; severity?: string }>>;

export const definitionIdOf = (xml: string) => createHash('sha256').update(xml).digest('hex');

const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/**
 * bpmn-server's model store ("definitions"), on the wf_definition table. Versions are immutable; an instance
 * is pinned to the version (hash) it started on; new instances use the newest version of a process key.
 */
export class DefinitionStore {
  private readonly sourceCache = new Map<string, string>();

  constructor(private gate: DefinitionGate | null = null) {}

  setGate(gate: DefinitionGate): void {
    this.gate = gate;
  }

  // ---- used by bpmn-server, inside an operation --------------------------------------------------------

  async getSource(name: string): Promise<string> {
    const latest = await this.latest(requireOperation('getSource').manager, name);
    if (!latest) throw new NotFoundError(`No process "${name}" is deployed`, 'process_not_found');
    return this.sourceById(latest.id, requireOperation('getSource').manager);
  }

  async getSVG(): Promise<null> {
    return null;
  }

  /** Start events listening for messages or signals are not supported (the lint gate rejects them). */
  async findEvents(): Promise<never[]> {
    return [];
  }

  async rebuild(): Promise<void> {}
  async install(): Promise<void> {}

  // ---- ours -------------------------------------------------------------------------------------------

  async sourceById(id: string, manager: EntityManager): Promise<string> {
    const cached = this.sourceCache.get(id);
    if (cached !== undefined) return cached;
    const row = await manager.getRepository(DefinitionRow).findOne({ where: { id }, select: { id: true, source: true } });
    if (!row) throw new NotFoundError(`Definition version ${id} is missing`, 'definition_not_found');
    this.sourceCache.set(id, row.source);
    return row.source;
  }

  async latest(manager: EntityManager, processKey: string): Promise<DefinitionVersion | null> {
    return manager.getRepository(DefinitionRow).findOne({
      where: { processKey }, order: { version: 'DESC' }, select: { id: true, processKey: true, version: true, deployedAt: true, deployedBy: true },
    });
  }

  async versions(manager: EntityManager, processKey: string): Promise<DefinitionVersion[]> {
    return manager.getRepository(DefinitionRow).find({
      where: { processKey }, order: { version: 'ASC' }, select: { id: true, processKey: true, version: true, deployedAt: true, deployedBy: true },
    });
  }

  async processKeys(manager: EntityManager): Promise<string[]> {
    const rows = await manager.getRepository(DefinitionRow).createQueryBuilder('d')
      .select('DISTINCT d.process_key', 'key').orderBy('key').getRawMany();
    return rows.map((r) => r.key);
  }

  /**
   * Adds a version after the gate accepts it. Deploying XML identical to an existing version of the same key
   * creates nothing and returns that version.
   */
  async deploy(manager: EntityManager, processKey: string, xml: string, deployedBy: string | null, now: Date): Promise<DeployResult> {
    if (!KEY.test(processKey)) {
      throw new ValidationError('Invalid process key', [{ field: 'key', messages: ['letters, digits, - and _ only, starting with a letter'] }]);
    }
    const id = definitionIdOf(xml);
    const existing = await manager.getRepository(DefinitionRow).findOne({ where: { id }, select: { id: true, processKey: true, version: true, deployedAt: true, deployedBy: true } });
    if (existing && existing.processKey === processKey) return { ...existing, created: false };
    if (existing) {
      throw new ValidationError('This diagram is already deployed under another process key', [
        { field: 'source', messages: [`identical to version ${existing.version} of "${existing.processKey}"`] },
      ]);
    }
    if (this.gate) {
      const problems = (await this.gate(xml, processKey)).filter((p) => (p.severity ?? 'error') === 'error');
      if (problems.length > 0) {
        throw new ValidationError(`The diagram for "${processKey}" was rejected`, problems.map((p) => ({
          field: p.line ? `source:${p.line}` : p.elementId ? `source#${p.elementId}` : 'source',
          messages: [p.elementId ? `${p.elementId}: ${p.message}` : p.message],
        })), 'definition_rejected');
      }
    }
    const latest = await this.latest(manager, processKey);
    const version = (latest?.version ?? 0) + 1;
    try {
      await manager.createQueryBuilder().insert().into(DefinitionRow)
        .values({ id, processKey, version, source: xml, deployedBy, deployedAt: now }).execute();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another process deployed concurrently (several servers starting at once deploy the same folder).
      const twin = await manager.getRepository(DefinitionRow).findOne({ where: { id }, select: { id: true, processKey: true, version: true, deployedAt: true, deployedBy: true } });
      if (twin && twin.processKey === processKey) return { ...twin, created: false };
      throw new ConflictError(`Another version of "${processKey}" was deployed at the same time; try again`, 'concurrent_deployment');
    }
    this.sourceCache.set(id, xml);
    return { id, processKey, version, deployedAt: now, deployedBy, created: true };
  }
}
