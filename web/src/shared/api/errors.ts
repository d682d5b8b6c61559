/** Error bodies of the API: `{ error, message, fields? }`; fields as a list or as a map of name → messages. */
export interface ApiErrorBody {
  error?: string;
  message?: string;
  fields?: Array<{ field: string; messages: string[] }> | Record<string, string[]>;
}

const CJK = /[\u4e00-\u9fff]/;

/** Chinese fallback texts for when the server's message is missing or not Chinese. */
const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '您没有权限执行此操作',
  404: '记录不存在或已被删除',
  409: '数据已被他人修改或任务已被处理，请刷新后重试',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
};

const CODE_MESSAGES: Record<string, string> = {
  invalid_credentials: '用户名或密码错误',
  too_many_attempts: '登录失败次数过多，请稍后再试',
  csrf_failed: '页面已过期，请刷新后重试',
  malformed_json: '提交的内容格式错误',
  network: '无法连接服务器，请检查网络后重试',
  internal_error: '服务器内部错误，请稍后再试',
};

export class ApiError extends Error {
  /** Field name (without the `data.` prefix of task forms) → messages. */
  readonly fields: Record<string, string[]>;

  constructor(readonly status: number, readonly code: string, message: string, fields: Record<string, string[]> = {}) {
    super(message);
    this.name = 'ApiError';
    this.fields = fields;
  }

  get isFieldError(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

export function normaliseFields(fields: ApiErrorBody['fields']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!fields) return out;
  const entries = Array.isArray(fields) ? fields.map((f) => [f.field, f.messages] as const) : Object.entries(fields);
  for (const [name, messages] of entries) {
    const key = name.replace(/^data\./, '');
    out[key] = [...(out[key] ?? []), ...(messages ?? [])];
  }
  return out;
}

/** The message a clerk reads: the server's when it is Chinese, else a Chinese text for the code or status. */
export function chineseMessage(status: number, body: ApiErrorBody | null): string {
  if (body?.message && CJK.test(body.message)) return body.message;
  if (body?.error && CODE_MESSAGES[body.error]) return CODE_MESSAGES[body.error];
  if (status >= 500) return CODE_MESSAGES.internal_error;
  return STATUS_MESSAGES[status] ?? `请求失败（${status}）`;
}

export function toApiError(status: number, body: ApiErrorBody | null): ApiError {
  return new ApiError(status, body?.error ?? `http_${status}`, chineseMessage(status, body), normaliseFields(body?.fields));
}

export function networkError(): ApiError {
  return new ApiError(0, 'network', CODE_MESSAGES.network);
}
