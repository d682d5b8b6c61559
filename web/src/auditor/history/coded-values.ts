/** Which vocabulary names the coded values of an audit field, by the field's last path segment. */
const LIST_OF_FIELD: Record<string, VocabularyName> = {
  category: 'category',
  severity: 'severity',
  kind: 'kind',
  channel: 'channel',
  level: 'level',
  origin: 'origin',
  status: 'status',
  satisfaction: 'satisfaction',
  departmentCode: 'department',
  responsibleDeptCode: 'department',
  registeringDeptCode: 'department',
  responsibleDept: 'department',
  candidateGroups: 'role',
  handlerGroups: 'role',
};

type VocabularyName = 'category' | 'severity' | 'kind' | 'channel' | 'level' | 'origin' | 'status' | 'satisfaction' | 'department' | 'role';

export type Namer = Record<VocabularyName, (code: string) => string>;

/**
 * `data.category` = technicalService → 技术服务类; `candidateGroups.0` = ops → the role's name. Null when the field
 * is not coded or the vocabulary does not know the code. A penalty's `category` is a penalty category, not a complaint
 * category, so fields are looked up without guessing across lists.
 */
export function codedValueLabel(namer: Namer, path: string, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const segments = path.split('.').filter((segment) => !/^\d+$/.test(segment));
  const list = LIST_OF_FIELD[segments[segments.length - 1]];
  if (!list) return null;
  const label = namer[list](value);
  return label && label !== value ? label : null;
}
