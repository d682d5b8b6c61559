import {
  CANDIDATE_GROUP_LABELS, CATEGORY_LABELS, CHANNEL_LABELS, COMPLAINT_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, ORIGIN_LABELS,
  PENALTY_CATEGORY_LABELS, SATISFACTION_LABELS, SEVERITY_LABELS,
} from '../../domain';
import { NOTIFICATION_CHANNEL_LABELS } from '../audit/notification-labels';
import { bpmnModdle } from '../../engine/definitions/lint/moddle';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Database } from '../../persistence/database';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';

type Labels = Record<string, string>;

/** The Chinese label of every code the API returns, so the console never shows an English code. */
export interface Vocabulary {
  severity: Labels;
  kind: Labels;
  category: Labels;
  channel: Labels;
  origin: Labels;
  level: Labels;
  status: Labels;
  /** The customer's answer to the handling result. */
  satisfaction: Labels;
  /** Department code → name, from the organisation. */
  department: Labels;
  /** Candidate group → role name. */
  role: Labels;
  penaltyCategory: Labels;
  /** How a notification went out (email, webhook, robot, console). */
  notificationChannel: Labels;
  /** Process key → element id → name, over every deployed version (the newest name wins). */
  step: Record<string, Labels>;
  /** Process key → the process name of its newest version. */
  process: Labels;
}

interface DiagramLabels {
  processName: string | null;
  steps: Labels;
}

/**
 * Collects the labels from where they are defined: the domain's code lists, the departments in the database and
 * the names in the deployed diagrams. Diagram versions are immutable, so each is parsed once.
 */
export class VocabularyService {
  private readonly diagrams = new Map<string, DiagramLabels>();

  constructor(private readonly db: Database, private readonly engine: WorkflowEngine) {}

  async vocabulary(): Promise<Vocabulary> {
    const { departments, diagrams } = await this.db.read(async (manager) => {
      const departments = await new IdentityRepository(manager).listDepartments();
      const diagrams: Array<{ processKey: string; labels: DiagramLabels }> = [];
      for (const processKey of await this.engine.definitions.processKeys(manager)) {
        for (const version of await this.engine.definitions.versions(manager, processKey)) {
          diagrams.push({ processKey, labels: await this.labelsOf(version.id, () => this.engine.definitions.sourceById(version.id, manager)) });
        }
      }
      return { departments, diagrams };
    });

    const step: Record<string, Labels> = {};
    const process: Labels = {};
    for (const { processKey, labels } of diagrams) {
      step[processKey] = { ...step[processKey], ...labels.steps };
      if (labels.processName) process[processKey] = labels.processName;
    }
    return {
      severity: { ...SEVERITY_LABELS },
      kind: { ...KIND_LABELS },
      category: { ...CATEGORY_LABELS },
      channel: { ...CHANNEL_LABELS },
      origin: { ...ORIGIN_LABELS },
      level: { ...LEVEL_LABELS },
      status: { ...COMPLAINT_STATUS_LABELS },
      satisfaction: { ...SATISFACTION_LABELS },
      department: Object.fromEntries(departments.map((d) => [d.code, d.name])),
      role: { ...CANDIDATE_GROUP_LABELS },
      penaltyCategory: { ...PENALTY_CATEGORY_LABELS },
      notificationChannel: { ...NOTIFICATION_CHANNEL_LABELS },
      step,
      process,
    };
  }

  private async labelsOf(definitionId: string, source: () => Promise<string>): Promise<DiagramLabels> {
    const cached = this.diagrams.get(definitionId);
    if (cached) return cached;
    const { rootElement } = await bpmnModdle().fromXML(await source());
    const processes = ((rootElement.get('rootElements') ?? []) as ModdleNode[]).filter((e) => e.$type === 'bpmn:Process');
    const steps: Labels = {};
    const visit = (element: ModdleNode) => {
      for (const child of (element.get('flowElements') ?? []) as ModdleNode[]) {
        if (typeof child.name === 'string' && child.name.trim() && child.id && child.$type !== 'bpmn:SequenceFlow') steps[child.id] = child.name.trim();
        visit(child);
      }
    };
    processes.forEach(visit);
    const executable = processes.find((p) => p.get('isExecutable') === true) ?? processes[0];
    const labels = { processName: executable?.name?.trim() || null, steps };
    this.diagrams.set(definitionId, labels);
    return labels;
  }
}

interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): unknown;
}
