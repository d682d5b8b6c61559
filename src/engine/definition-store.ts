import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { isDuplicateKey } from './lease-locker';
import { DefinitionRow, ProcessRow } from '../persistence/entities/engine';
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
  /** What the gate warned about (the version was deployed nevertheless). */
  warnings: GateIssue[];
}

/** One finding of the deployment gate. */
export interface GateIssue {
  rule?: string;
  message: string;
  line?: number;
  column?: number;
  elementId?: string;
  severity?: 'error' | 'warning';
}

export interface GateOptions {
  /** Language of the gate's messages. */
  locale?: 'en' | 'zh';
}

/** Checks a diagram before it is accepted; returns its problems (none with severity "error" = fine). */
export type DefinitionGate = (xml: string, processKey: string, options?: GateOptions) => Promise<GateIssue[]>;

/** The gate refused a diagram: 400 with every issue (errors and warnings) and one `source:<line>` field per error. */
export class InvalidDefinitionError extends ValidationError {
  constructor(processKey: string, readonly issues: GateIssue[]) {
    const errors = issues.filter((issue) => (issue.severity ?? 'error') === 'error');
    super(`The diagram for "${processKey}" was rejected: ${errors.length} error(s)`, errors.map((issue) => ({
      field: issue.line ? `source:${issue.line}` : issue.elementId ? `source#${issue.elementId}` : 'source',
      messages: [issue.message],
    })), 'invalid_definition');
  }
}

export const definitionIdOf = (xml: string) => createHash('sha256').update(xml).digest('hex');

const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/**
 * bpmn-server's model store ("definitions"), on the wf_definition table. Versions are immutable; an instance
 * is pinned to the version (hash) it started on; new instances use the active version of a process key (the newest
 * deployed unless a process owner activated another one).
 */
export class DefinitionStore {
  private readonly sourceCache = new Map<string, string>();

  constructor(private gate: DefinitionGate | null = null) {}

  setGate(gate: DefinitionGate): void {
    this.gate = gate;
  }

  // ---- used by bpmn-server, inside an operation --------------------------------------------------------

  /** The active version's XML: what a new instance of `name` (a start, a call activity) runs. */
  async getSource(name: string): Promise<string> {
    const { manager } = requireOperation('getSource');
    const active = await this.active(manager, name);
    if (!active) throw new NotFoundError(`No process "${name}" is deployed`, 'process_not_found');
    return this.sourceById(active.id, manager);
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

  /** The version new instances start on: the one activated last (a new deployment activates itself). */
  async active(manager: EntityManager, processKey: string): Promise<DefinitionVersion | null> {
    const activated = await manager.createQueryBuilder(DefinitionRow, 'd')
      .select(['d.id', 'd.processKey', 'd.version', 'd.deployedAt', 'd.deployedBy'])
      .innerJoin(ProcessRow, 'p', 'p.active_definition_id = d.id')
      .where('p.process_key = :processKey', { processKey })
      .getOne();
    return activated ?? this.latest(manager, processKey);
  }

  async state(manager: EntityManager, processKey: string): Promise<ProcessRow | null> {
    return manager.getRepository(ProcessRow).findOne({ where: { processKey } });
  }

  /** Makes a deployed version the one new instances start on. */
  async activate(manager: EntityManager, processKey: string, version: number, by: string | null, now: Date): Promise<{ before: DefinitionVersion | null; after: DefinitionVersion }> {
    const target = (await this.versions(manager, processKey)).find((v) => v.version === version);
    if (!target) throw new NotFoundError(`Process "${processKey}" has no version ${version}`, 'version_not_found');
    const before = await this.active(manager, processKey);
    await this.saveState(manager, processKey, { activeDefinitionId: target.id }, by, now);
    return { before, after: target };
  }

  async setSuspended(manager: EntityManager, processKey: string, suspended: boolean, by: string | null, now: Date): Promise<boolean> {
    const active = await this.active(manager, processKey);
    if (!active) throw new NotFoundError(`No process "${processKey}" is deployed`, 'process_not_found');
    const previous = (await this.state(manager, processKey))?.suspended ?? false;
    await this.saveState(manager, processKey, { activeDefinitionId: active.id, suspended }, by, now);
    return previous;
  }

  /** New instances may start: the process is deployed and not suspended. */
  async requireStartable(manager: EntityManager, processKey: string): Promise<void> {
    const state = await this.state(manager, processKey);
    if (state?.suspended) {
      throw new ConflictError(`Process "${processKey}" is suspended: no new instances start until a process owner resumes it`, 'process_suspended');
    }
  }

  private async saveState(manager: EntityManager, processKey: string, change: Partial<Pick<ProcessRow, 'activeDefinitionId' | 'suspended'>>, by: string | null, now: Date) {
    const repo = manager.getRepository(ProcessRow);
    const existing = await repo.findOne({ where: { processKey } });
    if (existing) {
      await repo.update({ processKey }, { ...change, updatedAt: now, updatedBy: by });
    } else {
      await repo.insert({ processKey, activeDefinitionId: change.activeDefinitionId!, suspended: change.suspended ?? false, updatedAt: now, updatedBy: by });
    }
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

  /** The gate's findings without deploying (inside an operation). */
  async check(xml: string, processKey: string, options: GateOptions = {}): Promise<GateIssue[]> {
    return this.gate ? this.gate(xml, processKey, options) : [];
  }

  /**
   * Adds a version after the gate accepts it. Deploying XML identical to an existing version of the same key
   * creates nothing and returns that version.
   */
  async deploy(manager: EntityManager, processKey: string, xml: string, deployedBy: string | null, now: Date, options: GateOptions = {}): Promise<DeployResult> {
    if (!KEY.test(processKey)) {
      throw new ValidationError('Invalid process key', [{ field: 'key', messages: ['letters, digits, - and _ only, starting with a letter'] }]);
    }
    const id = definitionIdOf(xml);
    const existing = await manager.getRepository(DefinitionRow).findOne({ where: { id }, select: { id: true, processKey: true, version: true, deployedAt: true, deployedBy: true } });
    if (existing && existing.processKey === processKey) return { ...existing, created: false, warnings: [] };
    const issues = this.gate ? await this.gate(xml, processKey, options) : [];
    if (issues.some((issue) => (issue.severity ?? 'error') === 'error')) throw new InvalidDefinitionError(processKey, issues);
    if (existing) {
      throw new ValidationError('This diagram is already deployed under another process key', [
        { field: 'source', messages: [`identical to version ${existing.version} of "${existing.processKey}"`] },
      ]);
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
      if (twin && twin.processKey === processKey) return { ...twin, created: false, warnings: issues };
      throw new ConflictError(`Another version of "${processKey}" was deployed at the same time; try again`, 'concurrent_deployment');
    }
    this.sourceCache.set(id, xml);
    await this.saveState(manager, processKey, { activeDefinitionId: id }, deployedBy, now);
    return { id, processKey, version, deployedAt: now, deployedBy, created: true, warnings: issues };
  }
}
