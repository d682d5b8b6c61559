import { elementTypeLabel } from './definitions/element-type-labels';
import type { Locale } from './definitions/lint/rules/messages';

/** What a migration needs to know of one element of a version's diagram. */
export interface ElementFacts {
  type: string;
  name: string | null;
  hostId: string | null;
  inSubProcess: boolean;
  timer: string | null;
  candidateGroups: string | null;
  /** A sequence flow's ends, to tell an unnamed flow apart from its siblings. */
  sourceId: string | null;
  targetId: string | null;
}

export type Diagram = Map<string, ElementFacts>;

/** An element of the target version an unmatched element could be mapped to: one of the same type. */
export interface MappingCandidate {
  id: string;
  name: string | null;
}

/** Why an instance cannot move. */
export interface MigrationProblem {
  code: 'not-running' | 'finished-step-missing' | 'step-missing' | 'type-differs' | 'in-sub-process' | 'called-process'
    | 'host-differs' | 'repeating-timer' | 'move-failed';
  elementId?: string;
  elementType?: string;
  target?: string;
}

/** Problems a mapping can solve: the target version lacks the element, or has it as another type or elsewhere. */
const MAPPABLE: ReadonlySet<MigrationProblem['code']> = new Set(['finished-step-missing', 'step-missing', 'type-differs', 'host-differs']);

/**
 * An element of the instances that needs a mapping, listed once however many instances it blocks, with the target
 * version's elements of its type to choose from.
 */
export interface UnmappedElement {
  elementId: string;
  elementType: string;
  /** Its name in the source version (an unnamed flow is named by its ends). */
  elementName: string | null;
  candidates: MappingCandidate[];
}

export function unmappedElements(problems: MigrationProblem[], source: Diagram, target: Diagram): UnmappedElement[] {
  const found = new Map<string, UnmappedElement>();
  for (const problem of problems) {
    if (!MAPPABLE.has(problem.code) || !problem.elementId || found.has(problem.elementId)) continue;
    const elementType = problem.elementType ?? source.get(problem.elementId)?.type ?? '';
    found.set(problem.elementId, {
      elementId: problem.elementId, elementType, elementName: displayName(source, problem.elementId), candidates: candidatesOfType(target, elementType),
    });
  }
  return [...found.values()];
}

/** The target version's elements of a type, named ones first, as mapping choices. */
function candidatesOfType(diagram: Diagram, type: string): MappingCandidate[] {
  return [...diagram].filter(([, facts]) => facts.type === type)
    .map(([id]) => ({ id, name: displayName(diagram, id) }))
    .sort((a, b) => Number(a.name === null) - Number(b.name === null) || a.id.localeCompare(b.id));
}

/** An element's name; an unnamed sequence flow is named by its ends (`处理投诉 → 办结`). */
function displayName(diagram: Diagram, id: string): string | null {
  const facts = diagram.get(id);
  if (!facts) return null;
  if (facts.name) return facts.name;
  if (facts.type !== 'bpmn:SequenceFlow' || !facts.sourceId || !facts.targetId) return null;
  const end = (endId: string) => diagram.get(endId)?.name ?? endId;
  return `${end(facts.sourceId)} → ${end(facts.targetId)}`;
}

export interface ProblemContext {
  source: Diagram;
  target: Diagram;
  sourceVersion: number;
  targetVersion: number;
}

/**
 * The problem as a sentence: English for scripts (ids only), Chinese for the console (names and ids). `message`:
 * the failure's, for `move-failed`.
 */
export function describeProblem(problem: MigrationProblem, context: ProblemContext, locale: Locale, message?: string): string {
  return locale === 'zh' ? describeZh(problem, context, message) : describeEn(problem, context, message);
}

function describeEn(problem: MigrationProblem, context: ProblemContext, message?: string): string {
  const { elementId = '', target = '' } = problem;
  const facts = context.source.get(elementId);
  const label = `"${elementId}"${facts ? ` (${shortType(facts.type)})` : ''}`;
  switch (problem.code) {
    case 'not-running': return `is not a running instance of version ${context.sourceVersion}`;
    case 'finished-step-missing': return `the finished step "${elementId}" has no element "${target}" in version ${context.targetVersion}; map it to one`;
    case 'step-missing': return `${label} has no element "${target}" in version ${context.targetVersion}; map it to one`;
    case 'type-differs': return `${label} would move to "${target}", which is a ${shortType(context.target.get(target)?.type ?? '')}`;
    case 'in-sub-process': return `${label} waits inside a sub-process, which migration does not move`;
    case 'called-process': return `${label} waits for a called process, which migration does not move`;
    case 'host-differs': return `${label} is attached to "${facts?.hostId}", but "${target}" is attached to "${context.target.get(target)?.hostId ?? 'nothing'}"`;
    case 'repeating-timer': return `"${target}" has a repeating timer, which the durable timers do not run`;
    case 'move-failed': return message ?? 'the move failed';
  }
}

function describeZh(problem: MigrationProblem, context: ProblemContext, message?: string): string {
  const { elementId = '', target = '' } = problem;
  const facts = context.source.get(elementId);
  const inSource = (id: string) => labelZh(context.source, id);
  const inTarget = (id: string) => labelZh(context.target, id);
  switch (problem.code) {
    case 'not-running': return `不是版本 ${context.sourceVersion} 中运行中的实例`;
    case 'finished-step-missing': return `已走过的${inSource(elementId)}在版本 ${context.targetVersion} 中没有对应的${target === elementId ? '元素' : inTarget(target)}，请为它选择对应元素`;
    case 'step-missing': return `停留的${inSource(elementId)}在版本 ${context.targetVersion} 中没有对应的${target === elementId ? '元素' : inTarget(target)}，请为它选择对应元素`;
    case 'type-differs': return `${inSource(elementId)}不能迁移到${inTarget(target)}：类型不同`;
    case 'in-sub-process': return `${inSource(elementId)}停留在子流程中，迁移不移动子流程内的步骤`;
    case 'called-process': return `${inSource(elementId)}在等待被调用的流程，迁移不移动调用活动`;
    case 'host-differs': return `${inSource(elementId)}附着在${inSource(facts?.hostId ?? '')}上，而${inTarget(target)}附着在${context.target.get(target)?.hostId ? inTarget(context.target.get(target)!.hostId!) : '无任务'}上`;
    case 'repeating-timer': return `${inTarget(target)}是循环定时器，持久化定时器不运行循环定时器`;
    case 'move-failed': return `迁移失败：${message ?? ''}`;
  }
}

/** `人工任务「结案审核」(closeReview)`, or the id alone when the diagram does not have it. */
function labelZh(diagram: Diagram, id: string): string {
  const facts = diagram.get(id);
  if (!facts) return `「${id}」`;
  const name = displayName(diagram, id);
  return `${elementTypeLabel(facts.type)}${name ? `「${name}」` : ''}（${id}）`;
}

function shortType(type: string): string {
  return type.replace('bpmn:', '');
}
