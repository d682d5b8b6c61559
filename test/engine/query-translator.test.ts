import { translateEngineQuery, UnsupportedQueryError } from '../../src/engine/query-translator';

describe('translating bpmn-server queries', () => {
  it('keeps every items.* condition on the same item and instance fields on the instance', () => {
    expect(translateEngineQuery({ id: 'i1', 'items.status': 'wait', 'items.messageId': 'm1' })).toEqual({
      instance: [{ column: 'n.id', op: '=', value: 'i1' }],
      item: [{ column: 'i.status', op: '=', value: 'wait' }, { column: 'i.message_id', op: '=', value: 'm1' }],
    });
  });

  it('understands the operators the engine uses', () => {
    const due = new Date('2026-11-23T00:00:00Z');
    expect(translateEngineQuery({ 'items.timeDue': { $exists: true } }).item).toEqual([{ column: 'i.timer_due_at', op: 'exists' }]);
    expect(translateEngineQuery({ 'items.timeDue': { $lt: due } }).item).toEqual([{ column: 'i.timer_due_at', op: '<', value: due }]);
    expect(translateEngineQuery({ status: { $in: ['running', 'end'] } }).instance).toEqual([{ column: 'n.status', op: 'in', value: ['running', 'end'] }]);
  });

  it.each([
    [{ 'data.caseId': 5 }, /unknown instance field data.caseId/],
    [{ 'items.vars': 1 }, /unknown item field items.vars/],
    [{ items: { id: 'x' } }, /unknown instance field items/],
    [{ 'items.status': { $regex: 'w.*' } }, /unsupported operator \$regex/],
    [{ id: { $lt: 1, $gt: 0 } }, /one operator/],
    [{ $nor: [] }, /unknown instance field \$nor/],
    ['id = 1', /expected an object/],
  ])('refuses %j rather than guessing', (query, message) => {
    expect(() => translateEngineQuery(query)).toThrow(UnsupportedQueryError);
    expect(() => translateEngineQuery(query)).toThrow(message);
  });
});
