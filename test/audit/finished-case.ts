import { ExemptionRow } from '../../src/persistence/entities/penalties';
import { complete, register, registrationBody } from '../complaints/support';
import { api, completeTask, expectCompleted } from '../penalties/support';
import { TestApplication } from '../support/app';

const HOUR = 3_600_000;

/** A general technical complaint handled by YW and closed, then a service-conduct fine on YW, then its exemption approved. */
export async function finishedCase(t: TestApplication): Promise<{ number: string; penaltyId: string; exemptionId: string }> {
  const { number } = await register(t, registrationBody({ severity: 'general', category: 'technicalService', content: '宽带频繁掉线，已持续两天' }));
  await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
  await t.advance(HOUR);
  await complete(t, number, 'firstResponse', 'ops1', { responseNote: '已联系客户，安排上门' });
  await complete(t, number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '设备老化', meetingMeasures: '更换设备，运维管理部 3 日内完成' });
  await t.advance(5 * HOUR);
  await complete(t, number, 'handle', 'ops1', { cause: '光猫老化', resolution: '更换光猫', solved: true });
  await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换光猫', preventiveAction: '批量排查同批次光猫', measuresInPlace: true });
  await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
  await complete(t, number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });
  await complete(t, number, 'closeReview', 'desk1', { recordsComplete: true });
  await t.advance(HOUR);
  await complete(t, number, 'callback', 'desk1', { callbackNote: '客户确认网络稳定' });

  const opened = await api(t).post(`/complaints/${number}/penalties`).set('Authorization', t.bearer('desk1'))
    .send({ category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
  expect(opened.status).toBe(201);
  const penalty = opened.body as { id: string; instanceId: string };
  await expectCompleted(await completeTask(t, 'head-yw', penalty.instanceId, 'penaltyOpinion', { opinion: '属实，按罚则处罚' }));
  await expectCompleted(await completeTask(t, 'desk1', penalty.instanceId, 'fillNotice', { incident: '上门未出示工牌', penaltyReason: '违反服务规范' }));
  await expectCompleted(await completeTask(t, 'ga1', penalty.instanceId, 'reviewPenalty', { reviewApproved: true }));

  const filed = await api(t).post(`/penalties/${penalty.id}/exemptions`).set('Authorization', t.bearer('ops1')).send({ reasons: '工牌遗失已补办，有记录为证' });
  expect(filed.status).toBe(201);
  const [exemption] = await t.app.db.read((m) => m.find(ExemptionRow, { where: { penaltyId: penalty.id } }));
  const exemptionInstance = exemption.instanceId;
  await expectCompleted(await completeTask(t, 'ga1', exemptionInstance, 'generalAffairsInvestigation', { generalAffairsOpinion: '情况属实' }));
  await expectCompleted(await completeTask(t, 'desk1', exemptionInstance, 'serviceDeskInvestigation', { serviceDeskOpinion: '同意免责' }));
  await expectCompleted(await completeTask(t, 'leader1', exemptionInstance, 'leaderApproval', { leaderApproved: true }));
  await expectCompleted(await completeTask(t, 'gm1', exemptionInstance, 'managerApproval', { managerApproved: true }));
  return { number, penaltyId: penalty.id, exemptionId: exemption.id };
}

