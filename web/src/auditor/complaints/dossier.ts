import type { ComplaintHistory, InstanceHistory } from '../types';

/** A printed form of the complaint's record (R/G095-1…4) or its whole dossier, as a download. */
export interface PrintedForm {
  code: string;
  title: string;
  path: string;
  fileName: string;
}

const enc = encodeURIComponent;

/** Ids the penalty and exemption processes were started with (their `started` audit entry carries the data). */
function startData(history: InstanceHistory): Record<string, unknown> {
  const started = history.entries.find((entry) => entry.action === 'started');
  const data = (started?.after as { data?: unknown } | null)?.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The forms an auditor can print for a complaint: its registration form and CAPA record, the penalty notice of
 * each penalty and the exemption form of each exemption, then the dossier with all of them.
 */
export function printedForms(history: ComplaintHistory, noticeNumbers: Record<string, string | null> = {}): PrintedForm[] {
  const number = history.complaint.number;
  const forms: PrintedForm[] = [
    { code: 'R/G095-1', title: '客户投诉/建议信息登记处理单', path: `/complaints/${enc(number)}/forms/registration.pdf`, fileName: `${number}-R-G095-1-登记处理单.pdf` },
    { code: 'R/G095-2', title: '纠正和预防措施记录表', path: `/complaints/${enc(number)}/forms/capa.pdf`, fileName: `${number}-R-G095-2-纠正和预防措施记录表.pdf` },
  ];
  for (const instance of history.instances) {
    const data = startData(instance);
    const penaltyId = text(data.penaltyId);
    const exemptionId = text(data.exemptionId);
    if (instance.instance.processKey === 'penalty' && penaltyId) {
      forms.push({ code: 'R/G095-3', title: `客户投诉处罚通知单（${noticeNumbers[penaltyId] ?? '未编号'}）`, path: `/penalties/${enc(penaltyId)}/notice.pdf`, fileName: `${number}-R-G095-3-客户投诉处罚通知单-${penaltyId}.pdf` });
    }
    if (instance.instance.processKey === 'exemption' && exemptionId) {
      const path = penaltyId ? `/penalties/${enc(penaltyId)}/exemptions/${enc(exemptionId)}/form.pdf` : `/exemptions/${enc(exemptionId)}/form.pdf`;
      forms.push({ code: 'R/G095-4', title: `免责申诉单（${penaltyId ? `处罚 ${noticeNumbers[penaltyId] ?? '未编号'}` : '处罚'}）`, path, fileName: `${number}-R-G095-4-免责申诉单-${exemptionId}.pdf` });
    }
  }
  forms.push({ code: '档案', title: '投诉处理全套档案（含以上各表与审计时间线）', path: `/complaints/${enc(number)}/dossier.pdf`, fileName: `${number}-投诉档案.pdf` });
  return forms;
}

/** Ids of the penalties opened on the complaint, in start order. */
export function penaltyIds(history: ComplaintHistory): string[] {
  return history.instances.flatMap((instance) => {
    const id = instance.instance.processKey === 'penalty' ? text(startData(instance).penaltyId) : null;
    return id ? [id] : [];
  });
}

/** Actions that tell the story of a complaint; bookkeeping rows (task created, timer scheduled, data changed) are left to the instance view. */
const KEY_ACTIONS = new Set([
  'started', 'completed', 'escalated', 'reopened', 'closure refused', 'timer fired', 'fine assessed', 'fine executed',
  'refund booked', 'assigned', 'ended', 'terminated',
]);

export interface KeyEvent {
  at: string;
  instanceId: string;
  processKey: string;
  seq: number;
  action: string;
  actor: string | null;
  elementId: string | null;
  elementName: string | null;
}

/** The key events of all the complaint's processes in time order (ties: lifecycle first, then by sequence). */
export function keyEvents(history: ComplaintHistory): KeyEvent[] {
  const events: KeyEvent[] = [];
  history.instances.forEach(({ instance, entries }) => {
    for (const entry of entries) {
      if (!KEY_ACTIONS.has(entry.action)) continue;
      events.push({
        at: entry.at, instanceId: instance.id, processKey: instance.processKey, seq: entry.seq,
        action: entry.action, actor: entry.actor, elementId: entry.elementId, elementName: entry.elementName,
      });
    }
  });
  const order = new Map(history.instances.map(({ instance }, index) => [instance.id, index]));
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)
    || (order.get(a.instanceId) ?? 0) - (order.get(b.instanceId) ?? 0) || a.seq - b.seq);
}
