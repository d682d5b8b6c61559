import { elementTypeLabel } from '../../../../src/engine/definitions/element-type-labels';

/**
 * What changes between two versions of a process, element by element (added, removed, changed and how), in
 * Chinese for the deploy dialog. Works on parsed moddle definitions; layout (diagram interchange) and the
 * redundant incoming/outgoing lists are not changes.
 */
export interface DiffModdleElement {
  $type: string;
  id?: string;
  $descriptor: { properties: { name: string; isReference?: boolean; isMany?: boolean; isAttr?: boolean }[] };
  $attrs?: Record<string, string>;
  get(name: string): unknown;
}

export interface ElementChange {
  kind: 'added' | 'removed' | 'changed';
  id: string;
  type: string;
  name: string;
  /** For `changed`: which aspects differ, as Chinese labels. */
  aspects: string[];
}

const IGNORED = new Set(['incoming', 'outgoing', 'flowElements', 'artifacts', 'laneSets', 'id', 'di', 'lanes', 'categoryValueRef']);

const ASPECT_LABELS: Record<string, string> = {
  name: '名称',
  $type: '元素类型',
  candidateGroups: '候选组',
  candidateUsers: '候选人',
  assignee: '处理人',
  dueDate: '到期时间',
  followUpDate: '跟进时间',
  priority: '优先级',
  implementation: '服务处理器',
  delegateExpression: '服务处理器',
  extensionElements: '扩展设置（表单、输入输出）',
  conditionExpression: '条件',
  eventDefinitions: '事件定义（定时器等）',
  sourceRef: '起点',
  targetRef: '终点',
  default: '默认流向',
  attachedToRef: '附着的任务',
  cancelActivity: '是否中断任务',
  documentation: '说明',
  formKey: '表单',
  calledElement: '调用的流程',
  loopCharacteristics: '多实例设置',
  isExecutable: '可执行',
};


export function aspectLabel(aspect: string): string {
  return ASPECT_LABELS[aspect] ?? aspect;
}

export function diffDefinitions(before: DiffModdleElement, after: DiffModdleElement): ElementChange[] {
  const old = semanticElements(before);
  const next = semanticElements(after);
  const changes: ElementChange[] = [];
  for (const [id, element] of next) {
    const previous = old.get(id);
    if (!previous) {
      changes.push({ kind: 'added', id, type: element.$type, name: nameOf(element), aspects: [] });
      continue;
    }
    const a = fingerprint(previous);
    const b = fingerprint(element);
    const aspects = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]).map(aspectLabel);
    if (aspects.length > 0) changes.push({ kind: 'changed', id, type: element.$type, name: nameOf(element) || nameOf(previous), aspects: [...new Set(aspects)] });
  }
  for (const [id, element] of old) {
    if (!next.has(id)) changes.push({ kind: 'removed', id, type: element.$type, name: nameOf(element), aspects: [] });
  }
  const order = { added: 0, changed: 1, removed: 2 };
  return changes.sort((x, y) => order[x.kind] - order[y.kind] || x.id.localeCompare(y.id));
}

/** `新增 人工任务「质量复核」(qualityReview)`, `修改 连线「同意」(toClose)：终点、条件`. */
export function describeChange(change: ElementChange): string {
  const verb = { added: '新增', removed: '删除', changed: '修改' }[change.kind];
  const subject = `${elementTypeLabel(change.type)}${change.name ? `「${change.name}」` : ''}（${change.id}）`;
  return change.kind === 'changed' ? `${verb} ${subject}：${change.aspects.join('、')}` : `${verb} ${subject}`;
}

function nameOf(element: DiffModdleElement): string {
  const name = element.get('name');
  return typeof name === 'string' ? name : '';
}

/** Processes, their flow elements and artifacts (recursively through sub-processes), by id. */
function semanticElements(definitions: DiffModdleElement): Map<string, DiffModdleElement> {
  const found = new Map<string, DiffModdleElement>();
  const visit = (container: DiffModdleElement) => {
    if (container.id) found.set(container.id, container);
    for (const child of [...list(container, 'flowElements'), ...list(container, 'artifacts')]) {
      if (child.$type === 'bpmn:DataObject') continue;
      if (list(child, 'flowElements').length > 0 || child.$type === 'bpmn:SubProcess') visit(child);
      else if (child.id) found.set(child.id, child);
    }
  };
  for (const root of list(definitions, 'rootElements')) if (root.$type === 'bpmn:Process') visit(root);
  return found;
}

function list(element: DiffModdleElement, property: string): DiffModdleElement[] {
  const hasProperty = element.$descriptor.properties.some((descriptor) => descriptor.name === property);
  return hasProperty ? ((element.get(property) as DiffModdleElement[] | undefined) ?? []) : [];
}

/** Each semantic property of an element as a canonical string. */
function fingerprint(element: DiffModdleElement): Record<string, string> {
  const result: Record<string, string> = { $type: element.$type };
  for (const descriptor of element.$descriptor.properties) {
    if (IGNORED.has(descriptor.name)) continue;
    const value = canonical(element.get(descriptor.name), descriptor.isReference === true);
    if (value !== undefined) result[descriptor.name] = value;
  }
  for (const [key, value] of Object.entries(element.$attrs ?? {})) {
    if (!key.startsWith('xmlns')) result[key.replace(/^\w+:/, '')] = value;
  }
  return result;
}

function canonical(value: unknown, isReference: boolean): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : `[${value.map((item) => canonical(item, isReference) ?? '').join(',')}]`;
  if (typeof value !== 'object') return JSON.stringify(value);
  const element = value as DiffModdleElement;
  if (isReference) return element.id ?? '';
  if (!element.$descriptor) return JSON.stringify(value);
  const parts = Object.entries(fingerprint(element)).filter(([key]) => key !== 'id').map(([key, part]) => `${key}=${part}`);
  return `{${parts.join(';')}}`;
}
