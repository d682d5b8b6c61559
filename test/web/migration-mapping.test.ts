import type { MigrationPlan } from '../../web/src/owner/api';
import { chosenMapping, describeMoves, mappingRows } from '../../web/src/owner/migration-mapping';

const names: Record<string, string> = { dispatch: '分类派单', verify: '质量验证', handle: '处理投诉' };
const stepName = (id: string) => names[id] ?? id;

const verify = { elementId: 'verify', elementType: 'bpmn:UserTask', elementName: '质量验证', candidates: [{ id: 'handle', name: '处理投诉' }] };
const blockedAtVerify: MigrationPlan = {
  dryRun: true,
  movable: [],
  blocked: [{
    instanceId: 'i2',
    reasons: ['停留的人工任务「质量验证」（verify）在版本 2 中没有对应的元素，请为它选择对应元素'],
    problems: [{ code: 'step-missing', elementId: 'verify', elementType: 'bpmn:UserTask', target: 'verify' }],
  }],
  unmapped: [verify],
};

describe('the migration dialog', () => {
  test('offers a row for each element a dry run could not place, with the target version\'s elements of its type', () => {
    expect(mappingRows([], blockedAtVerify)).toEqual([verify]);
  });

  test('keeps a row already mapped when the next dry run no longer reports it, so the choice stays visible', () => {
    const first = mappingRows([], blockedAtVerify);
    const resolved: MigrationPlan = { dryRun: true, movable: [{ instanceId: 'i2', moves: [{ from: 'verify', to: 'handle' }] }], blocked: [], unmapped: [] };
    expect(mappingRows(first, resolved).map((row) => row.elementId)).toEqual(['verify']);
  });

  test('sends only the rows given a target', () => {
    expect(chosenMapping({ verify: 'handle', toVerify: undefined, other: ' ' })).toEqual({ verify: 'handle' });
  });

  test('tells where each instance waits and where it goes, by step name', () => {
    expect(describeMoves([{ from: 'dispatch', to: 'dispatch' }], stepName)).toBe('停在「分类派单」');
    expect(describeMoves([{ from: 'verify', to: 'handle' }, { from: 'dispatch', to: 'dispatch' }], stepName)).toBe('「质量验证」→「处理投诉」，停在「分类派单」');
  });
});
