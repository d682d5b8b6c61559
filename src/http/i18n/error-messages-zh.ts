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
};
