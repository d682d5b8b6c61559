/**
 * Chinese texts of the error codes, for callers that ask for Chinese (the console sends Accept-Language: zh-CN).
 * Scripts keep the English messages, which may carry details (ids, limits) these generic texts leave out.
 */
export const ERROR_MESSAGES_ZH: Readonly<Record<string, string>> = {
  // sign-in and access
  unauthorized: '请先登录',
  invalid_token: 'API 令牌无效或已吊销',
  invalid_credentials: '用户名或密码错误',
  too_many_attempts: '登录失败次数过多，请稍后再试',
  session_expired: '登录已过期，请重新登录',
  csrf_failed: '请求校验失败，请刷新页面后重试',
  forbidden: '您没有执行此操作的权限',
  // generic
  validation_failed: '提交的内容有误，请检查标出的字段',
  malformed_json: '请求内容不是有效的 JSON',
  payload_too_large: '请求内容过大',
  not_found: '请求的资源不存在',
  conflict: '操作冲突，请刷新后重试',
  internal_error: '服务器内部错误，请稍后再试',
  busy: '系统繁忙，请稍后重试',
  // records
  complaint_not_found: '投诉单不存在',
  task_not_found: '任务不存在',
  penalty_not_found: '处罚单不存在',
  instance_not_found: '流程实例不存在',
  process_not_found: '流程不存在',
  version_not_found: '流程版本不存在',
  definition_not_found: '流程定义不存在',
  ledger_entry_not_found: '台账记录不存在',
  user_not_found: '用户不存在',
  token_not_found: '令牌不存在',
  // tasks
  task_not_open: '任务已办结或已取消',
  task_claimed: '任务已被他人认领',
  stale_revision: '数据已被他人修改，请刷新后重试',
  instance_locked: '流程正在被处理，请稍后重试',
  not_a_candidate: '您不在此任务的办理组中',
  task_forbidden: '您无权办理此任务',
  not_in_group: '您不在此任务的办理组中',
  not_assignee: '只有任务的办理人或办理组负责人可以释放任务',
  not_group_head: '只有办理组负责人可以分派任务',
  not_responsible_department: '您不属于责任部门',
  process_incident: '流程执行出错，已记录异常，请联系流程负责人',
  // complaints, penalties, exemptions
  idempotency_key_reused: '此幂等键已用于另一份登记内容',
  idempotency_race: '相同的登记正在处理中，请稍后重试',
  invalid_penalty: '处罚内容有误',
  invalid_exemption: '免责申请内容有误',
  invalid_fine: '罚款计算条件有误',
  invalid_number: '编号有误',
  exemption_exists: '该处罚已有免责申请',
  fine_not_executed: '罚款尚未执行，不能申请免责',
  separation_of_duties: '处罚的提出人不能审批其免责申请',
  history_forbidden: '您无权查看此记录的历史',
  notification_not_found: '通知不存在',
  // processes and identity administration
  definition_rejected: '流程图未通过检查',
  department_exists: '部门已存在',
  user_exists: '用户已存在',
};
