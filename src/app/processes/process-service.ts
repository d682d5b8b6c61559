import { Actor } from '../actor';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { roleList } from '../../domain/roles';
import { DefinitionVersion, GateIssue } from '../../engine/definition-store';
import { gateContext, type GateSettings } from '../../engine/definitions/gate';
import type { GateContext, Locale } from '../../engine/definitions/lint/rules';
import { HandlerDescription } from '../../engine/handlers/registry';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Database } from '../../persistence/database';
import { AuditRepository } from '../../persistence/repositories/audit-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';

export interface ProcessVersionSummary {
  key: string;
  /** @deprecated same as key; kept for earlier clients. */
  processKey: string;
  version: number;
  /** SHA-256 of the XML: the identity of the version. */
  definitionId: string;
  deployedAt: Date;
  deployedBy: string | null;
  /** The display name of `deployedBy`; null for the server's own deployment of processes/ at start ('system'). */
  deployedByName: string | null;
  note: string | null;
  runningInstances: number;
  /** New instances start on this version. */
  active: boolean;
}

export interface ProcessDrift {
  file: string;
  fileHash: string;
  activeHash: string;
  message: string;
}

export interface ProcessSummary {
  key: string;
  processKey: string;
  /** The executable process's name in the active version. */
  name: string | null;
  activeVersion: number;
  latestVersion: number;
  suspended: boolean;
  versions: ProcessVersionSummary[];
  drift: ProcessDrift | null;
  /** Running instances over all versions. */
  runningInstances: number;
  versionCount: number;
  latest: ProcessVersionSummary;
}

export interface ProcessVersionSource extends ProcessVersionSummary {
  xml: string;
  hash: string;
}

export interface DeployOutcome extends ProcessVersionSummary {
  /** false when the identical XML was already deployed under this key (nothing changed). */
  created: boolean;
  warnings: GateIssue[];
}

/**
 * Process owners publish immutable diagram versions behind the deployment gate, choose which version new instances
 * start on (a new deployment, or any earlier one: rollback), and suspend or resume new starts. Running instances
 * stay on the version they started with.
 */
export class ProcessService {
  constructor(private readonly db: Database, private readonly engine: WorkflowEngine, private readonly gateSettings: GateSettings = {}) {}

  async list(): Promise<ProcessSummary[]> {
    const keys = await this.db.read((manager) => this.engine.definitions.processKeys(manager));
    const summaries: ProcessSummary[] = [];
    for (const key of keys) {
      const summary = await this.summary(key);
      if (summary) summaries.push(summary);
    }
    return summaries;
  }

  async summary(processKey: string): Promise<ProcessSummary | null> {
    return this.db.read(async (manager) => {
      const versions = await this.engine.definitions.versions(manager, processKey);
      if (versions.length === 0) return null;
      const running = await new AuditRepository(manager).runningInstancesByDefinition(processKey);
      const active = await this.engine.definitions.active(manager, processKey);
      const state = await this.engine.definitions.state(manager, processKey);
      const notes = new Map((await new AuditRepository(manager).processDeployNotes(processKey)).map((row) => [row.version, row.note]));
      const names = await new IdentityRepository(manager).displayNamesOf(versions.flatMap((v) => (v.deployedBy ? [v.deployedBy] : [])));
      const described = versions.map((v) => describe(v, running, active?.id, notes, names));
      const activeSource = active ? await this.engine.definitions.sourceById(active.id, manager) : '';
      return {
        key: processKey,
        processKey,
        name: processNameOf(activeSource),
        activeVersion: active?.version ?? described[described.length - 1].version,
        latestVersion: described[described.length - 1].version,
        suspended: state?.suspended ?? false,
        versions: described,
        drift: this.driftOf(processKey, active),
        runningInstances: described.reduce((sum, v) => sum + v.runningInstances, 0),
        versionCount: described.length,
        latest: described[described.length - 1],
      };
    });
  }

  async versions(processKey: string): Promise<ProcessVersionSummary[]> {
    const summary = await this.summary(processKey);
    if (!summary) throw unknownProcess(processKey);
    return summary.versions;
  }

  async version(processKey: string, versionText: string): Promise<ProcessVersionSource> {
    const number = parseVersion(versionText);
    const summary = await this.summary(processKey);
    if (!summary) throw unknownProcess(processKey);
    const found = summary.versions.find((v) => v.version === number);
    if (!found) throw new NotFoundError(`Process "${processKey}" has no version ${number}`, 'version_not_found');
    const xml = await this.db.read((manager) => this.engine.definitions.sourceById(found.definitionId, manager));
    return { ...found, xml, hash: found.definitionId };
  }

  /** Adds a version when the gate accepts the XML and makes it active; rejections (400 with every issue) change nothing. */
  async deploy(actor: Actor, processKey: string, xml: string, options: { locale?: Locale; note?: string | null } = {}): Promise<DeployOutcome> {
    if (xml.trim().length === 0) {
      throw new ValidationError('The diagram is empty', [{ field: 'source', messages: ['send the BPMN 2.0 XML as the request body'] }]);
    }
    const result = await this.engine.deploy(processKey, xml, actor.username, { locale: options.locale, note: options.note ?? null });
    const summary = await this.summary(processKey);
    const version = summary!.versions.find((v) => v.version === result.version)!;
    return { ...version, created: result.created, warnings: result.warnings };
  }

  /** The gate's findings without deploying. */
  async validate(processKey: string, xml: string, locale: Locale = 'en'): Promise<{ ok: boolean; issues: GateIssue[] }> {
    const issues = await this.engine.validate(processKey, xml, { locale });
    return { ok: !issues.some((issue) => (issue.severity ?? 'error') === 'error'), issues };
  }

  async activate(actor: Actor, processKey: string, versionText: string): Promise<ProcessSummary> {
    await this.engine.activateVersion(processKey, parseVersion(versionText), actor.username);
    return (await this.summary(processKey))!;
  }

  async setSuspended(actor: Actor, processKey: string, suspended: boolean): Promise<ProcessSummary> {
    await this.engine.setSuspended(processKey, suspended, actor.username);
    return (await this.summary(processKey))!;
  }

  handlers(): HandlerDescription[] {
    return this.engine.handlers.describe();
  }

  roles(): Array<{ id: string; label: string }> {
    return roleList();
  }

  /** What the modeler needs to lint a diagram for `processKey` exactly as the server's gate does. */
  async lintContext(processKey: string, locale: Locale): Promise<GateContext> {
    const knownProcesses = await this.db.read((manager) => this.engine.definitions.processKeys(manager));
    return { ...gateContext(this.engine.handlers, processKey, this.gateSettings, { locale }), knownProcesses: [...new Set([...knownProcesses, processKey])] };
  }

  private driftOf(processKey: string, active: DefinitionVersion | null): ProcessDrift | null {
    const file = this.engine.processFiles.get(processKey);
    if (!file || !active || file.hash === active.id) return null;
    return {
      file: file.file, fileHash: file.hash, activeHash: active.id,
      message: `${file.file} differs from the active version ${active.version}`,
    };
  }
}

function parseVersion(versionText: string): number {
  const number = Number(versionText);
  if (!/^\d+$/.test(versionText) || !Number.isInteger(number) || number < 1) {
    throw new ValidationError('Invalid version', [{ field: 'version', messages: ['must be a positive whole number'] }]);
  }
  return number;
}

function describe(
  version: DefinitionVersion, running: ReadonlyMap<string, number>, activeId: string | undefined, notes: ReadonlyMap<number, string>,
  names: ReadonlyMap<string, string>,
): ProcessVersionSummary {
  return {
    key: version.processKey,
    processKey: version.processKey,
    version: version.version,
    definitionId: version.id,
    deployedAt: version.deployedAt,
    deployedBy: version.deployedBy,
    deployedByName: version.deployedBy ? names.get(version.deployedBy) ?? null : null,
    note: notes.get(version.version) ?? null,
    runningInstances: running.get(version.id) ?? 0,
    active: version.id === activeId,
  };
}

/** The name of the executable process (read from the XML text; good enough for a listing). */
function processNameOf(xml: string): string | null {
  const match = /<(?:\w+:)?process\b[^>]*?\bname\s*=\s*"([^"]*)"/.exec(xml);
  return match ? match[1] : null;
}

function unknownProcess(processKey: string): NotFoundError {
  return new NotFoundError(`No process "${processKey}" is deployed`, 'process_not_found');
}
