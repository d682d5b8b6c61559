import { Actor } from '../actor';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { DefinitionVersion } from '../../engine/definition-store';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Database } from '../../persistence/database';
import { AuditRepository } from '../../persistence/repositories/audit-repository';

export interface ProcessVersionSummary {
  processKey: string;
  version: number;
  /** SHA-256 of the XML: the identity of the version. */
  definitionId: string;
  deployedAt: Date;
  deployedBy: string | null;
  runningInstances: number;
}

export interface ProcessSummary {
  processKey: string;
  latest: ProcessVersionSummary;
  versionCount: number;
  /** Running instances over all versions. */
  runningInstances: number;
}

export interface ProcessVersionSource extends ProcessVersionSummary {
  xml: string;
}

export interface DeployOutcome {
  /** false when the identical XML was already deployed under this key. */
  created: boolean;
  version: ProcessVersionSummary;
}

/**
 * Process owners publish new, immutable diagram versions; new instances start on the newest version while
 * running ones stay on the version they started with. Every upload passes the engine's deployment gate.
 */
export class ProcessService {
  constructor(private readonly db: Database, private readonly engine: WorkflowEngine) {}

  async list(): Promise<ProcessSummary[]> {
    return this.db.read(async (manager) => {
      const running = await new AuditRepository(manager).runningInstancesByDefinition();
      const summaries: ProcessSummary[] = [];
      for (const processKey of await this.engine.definitions.processKeys(manager)) {
        const versions = await this.engine.definitions.versions(manager, processKey);
        if (versions.length === 0) continue;
        const described = versions.map((v) => describe(v, running));
        summaries.push({
          processKey,
          latest: described[described.length - 1],
          versionCount: versions.length,
          runningInstances: described.reduce((sum, v) => sum + v.runningInstances, 0),
        });
      }
      return summaries;
    });
  }

  async versions(processKey: string): Promise<ProcessVersionSummary[]> {
    return this.db.read(async (manager) => {
      const versions = await this.engine.definitions.versions(manager, processKey);
      if (versions.length === 0) throw unknownProcess(processKey);
      const running = await new AuditRepository(manager).runningInstancesByDefinition(processKey);
      return versions.map((v) => describe(v, running));
    });
  }

  async version(processKey: string, versionText: string): Promise<ProcessVersionSource> {
    const number = Number(versionText);
    if (!Number.isInteger(number) || number < 1 || !/^\d+$/.test(versionText)) {
      throw new ValidationError('Invalid version', [{ field: 'version', messages: ['must be a positive whole number'] }]);
    }
    return this.db.read(async (manager) => {
      const versions = await this.engine.definitions.versions(manager, processKey);
      if (versions.length === 0) throw unknownProcess(processKey);
      const found = versions.find((v) => v.version === number);
      if (!found) throw new NotFoundError(`Process "${processKey}" has no version ${number}`, 'version_not_found');
      const running = await new AuditRepository(manager).runningInstancesByDefinition(processKey);
      return { ...describe(found, running), xml: await this.engine.definitions.sourceById(found.id, manager) };
    });
  }

  /** Adds a version when the gate accepts the XML; rejections (400 with `source:<line>` fields) change nothing. */
  async deploy(actor: Actor, processKey: string, xml: string): Promise<DeployOutcome> {
    if (xml.trim().length === 0) {
      throw new ValidationError('The diagram is empty', [{ field: 'source', messages: ['send the BPMN 2.0 XML as the request body'] }]);
    }
    const result = await this.engine.deploy(processKey, xml, actor.username);
    const running = await this.db.read((manager) => new AuditRepository(manager).runningInstancesByDefinition(processKey));
    return { created: result.created, version: describe(result, running) };
  }
}

function describe(version: DefinitionVersion, running: ReadonlyMap<string, number>): ProcessVersionSummary {
  return {
    processKey: version.processKey,
    version: version.version,
    definitionId: version.id,
    deployedAt: version.deployedAt,
    deployedBy: version.deployedBy,
    runningInstances: running.get(version.id) ?? 0,
  };
}

function unknownProcess(processKey: string): NotFoundError {
  return new NotFoundError(`No process "${processKey}" is deployed`, 'process_not_found');
}
