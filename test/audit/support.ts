import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Application } from '../../src/bootstrap/application';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { ItemRow } from '../../src/persistence/entities/engine';
import { ComplaintRepository } from '../../src/persistence/repositories/complaint-repository';

export const PROCESS_FIXTURES = path.join(__dirname, '..', 'fixtures', 'processes');

export function processFixture(name: string): string {
  return fs.readFileSync(path.join(PROCESS_FIXTURES, name), 'utf8');
}

let sequence = 0;

/** A complaint row as registration would leave it; tests override what they look at. */
export function complaintRow(overrides: Partial<ComplaintRow> = {}): ComplaintRow {
  sequence += 1;
  const receivedAt = overrides.receivedAt ?? new Date('2026-11-10T02:00:00Z');
  const registeringDeptCode = overrides.registeringDeptCode ?? 'KF';
  const seq = overrides.seq ?? sequence;
  return Object.assign(new ComplaintRow(), {
    id: randomUUID(),
    number: `${receivedAt.getUTCFullYear()}${registeringDeptCode}${String(seq).padStart(3, '0')}`,
    year: receivedAt.getUTCFullYear(),
    registeringDeptCode,
    seq,
    complainantName: '张三',
    complainantOrg: null,
    complainantAddress: null,
    complainantPhone: '13800138000',
    complainantEmail: null,
    complainantKey: 'tel:13800138000',
    channel: 'hotline',
    kind: 'complaint',
    origin: 'regular',
    level: 'normal',
    category: 'technicalService',
    severity: 'general',
    isComplex: false,
    content: '宽带经常掉线',
    customerDemand: null,
    requestedReplyAt: null,
    evidence: [],
    receivedBy: 'desk1',
    receivedAt,
    responsibleDeptCode: 'YW',
    handlerGroup: 'ops',
    reportGroup: null,
    instanceId: null,
    status: 'registered',
    currentStep: null,
    responseDueAt: null,
    resolutionDueAt: null,
    capaDueAt: null,
    dispatchedAt: null,
    respondedAt: null,
    resolvedAt: null,
    capaAt: null,
    closedAt: null,
    callbackDueAt: null,
    callbackAt: null,
    satisfaction: null,
    leaderDecision: null,
    reopenCount: 0,
    escalationLevel: 0,
    isRepeat: false,
    repeatOf: null,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  } satisfies ComplaintRow, overrides);
}

export async function insertComplaints(app: Application, rows: ComplaintRow[]): Promise<void> {
  await app.db.transaction(async (manager) => {
    const repository = new ComplaintRepository(manager);
    for (const row of rows) await repository.insert(row);
  });
}

/** The waiting item of an instance at `elementId`. */
export async function waitingItem(app: Application, instanceId: string, elementId: string): Promise<ItemRow> {
  const items = await app.db.read((m) => m.getRepository(ItemRow).find({ where: { instanceId, status: 'wait' } }));
  const item = items.find((i) => i.elementId === elementId);
  if (!item) throw new Error(`${elementId} is not waiting; waiting: ${items.map((i) => i.elementId).join(', ')}`);
  return item;
}
