import { keyEvents, penaltyIds, printedForms } from '../../../web/src/auditor/complaints/dossier';
import type { ComplaintHistory, InstanceHistory } from '../../../web/src/auditor/types';

function instance(id: string, processKey: string, data: Record<string, unknown>): InstanceHistory {
  return {
    instance: { id, processKey, version: 1, status: 'end', businessKey: 'TS2026110001', startedAt: '2026-11-23T01:00:00Z', endedAt: null },
    entries: [{ seq: 1, at: '2026-11-23T01:00:00Z', action: 'started', actor: 'desk1', elementId: null, elementName: null, before: null, after: { process: processKey, data } }],
  };
}

describe('printedForms', () => {
  it('offers R/G095-1 and -2 for every complaint, -3 per penalty, -4 per exemption, and the dossier last', () => {
    const history: ComplaintHistory = {
      complaint: { number: 'TS2026110001' },
      instances: [
        instance('l1', 'complaint-lifecycle', { complaintNumber: 'TS2026110001' }),
        instance('p1', 'penalty', { penaltyId: 'PN-1', complaintNumber: 'TS2026110001' }),
        instance('e1', 'exemption', { penaltyId: 'PN-1', exemptionId: 'EX-1' }),
      ],
      people: {},
    };
    expect(penaltyIds(history)).toEqual(['PN-1']);
    expect(printedForms(history, { 'PN-1': 'CF-2026-001' }).map((f) => f.title).slice(2, 4)).toEqual(['客户投诉处罚通知单（CF-2026-001）', '免责申诉单（处罚 CF-2026-001）']);
    expect(printedForms(history).map((f) => [f.code, f.path])).toEqual([
      ['R/G095-1', '/complaints/TS2026110001/forms/registration.pdf'],
      ['R/G095-2', '/complaints/TS2026110001/forms/capa.pdf'],
      ['R/G095-3', '/penalties/PN-1/notice.pdf'],
      ['R/G095-4', '/penalties/PN-1/exemptions/EX-1/form.pdf'],
      ['档案', '/complaints/TS2026110001/dossier.pdf'],
    ]);
  });

  it('offers no penalty notice for a complaint without penalties', () => {
    const history: ComplaintHistory = { complaint: { number: 'A/1' }, instances: [instance('l1', 'complaint-lifecycle', {})], people: {} };
    expect(printedForms(history).map((f) => f.code)).toEqual(['R/G095-1', 'R/G095-2', '档案']);
    expect(printedForms(history)[0].path).toBe('/complaints/A%2F1/forms/registration.pdf');
  });
});

describe('keyEvents', () => {
  it('merges the processes in time order and leaves out bookkeeping rows', () => {
    const lifecycle = instance('l1', 'complaint-lifecycle', {});
    lifecycle.entries.push(
      { seq: 2, at: '2026-11-23T01:05:00Z', action: 'task created', actor: null, elementId: 'dispatch', elementName: '分类派单', before: null, after: null },
      { seq: 3, at: '2026-11-23T03:00:00Z', action: 'completed', actor: 'desk1', elementId: 'dispatch', elementName: '分类派单', before: null, after: null },
    );
    const penalty = instance('p1', 'penalty', { penaltyId: 'PN-1' });
    penalty.entries[0].at = '2026-11-23T02:00:00Z';
    const events = keyEvents({ complaint: { number: 'TS1' }, instances: [lifecycle, penalty], people: {} });
    expect(events.map((e) => `${e.instanceId}#${e.seq} ${e.action}`)).toEqual(['l1#1 started', 'p1#1 started', 'l1#3 completed']);
  });
});
