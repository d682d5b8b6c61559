import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import { CATEGORIES } from '../../domain';

export interface ReportGroupItem {
  key: string;
  label: string;
}

export interface ReportGroup extends ReportGroupItem {
  items?: ReportGroupItem[];
}

/** Seed 003 表四 grouping and how our categories fall into it (config/report-groups.json). */
export interface ReportGroupConfig {
  groups: ReportGroup[];
  /** category → `group` or `group.item` */
  categoryMapping: Record<string, string>;
}

export const REPORT_GROUPS_FILE = path.join(PROJECT_ROOT, 'config', 'report-groups.json');

export function loadReportGroups(file = REPORT_GROUPS_FILE): ReportGroupConfig {
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as ReportGroupConfig;
  const problems = checkReportGroups(config);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return config;
}

/** `group` or `group.item` is a place in the table; `group` alone means its "other" item when it has items. */
export function isKnownReportGroup(config: ReportGroupConfig, reference: string): boolean {
  return placeOf(config, reference) !== null;
}

/** Where a reference lands: the group and (for groups with items) the item. Null when unknown. */
export function placeOf(config: ReportGroupConfig, reference: string): { group: string; item: string | null } | null {
  const [groupKey, itemKey, ...rest] = reference.split('.');
  if (rest.length > 0) return null;
  const group = config.groups.find((g) => g.key === groupKey);
  if (!group) return null;
  if (!group.items || group.items.length === 0) return itemKey === undefined ? { group: group.key, item: null } : null;
  const item = itemKey ?? 'other';
  return group.items.some((i) => i.key === item) ? { group: group.key, item } : null;
}

function checkReportGroups(config: ReportGroupConfig): string[] {
  const problems: string[] = [];
  if (!Array.isArray(config.groups) || config.groups.length === 0) return ['groups must be a non-empty list'];
  if (!config.groups.some((g) => g.key === 'other')) problems.push('needs an "other" group for unmapped categories');
  for (const category of CATEGORIES) {
    const target = config.categoryMapping?.[category];
    if (!target) problems.push(`categoryMapping.${category} is missing`);
    else if (!isKnownReportGroup(config, target)) problems.push(`categoryMapping.${category}: "${target}" is not a group of the table`);
  }
  return problems;
}
