import { api, setCsrfToken, setUnauthorizedHandler } from '../../web/src/shared/api/client';
import { ApiError } from '../../web/src/shared/api/errors';

interface Call { url: string; init: RequestInit }

function fakeFetch(status: number, body: unknown): { calls: Call[] } {
  const calls: Call[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status });
  }) as typeof fetch;
  return { calls };
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('the console\'s API client', () => {
  test('sends the session cookie, asks for Chinese, and adds the CSRF token to writes only', async () => {
    const { calls } = fakeFetch(200, { ok: true });
    setCsrfToken('csrf-1');
    await api.get('/tasks', { severity: 'major', overdue: false, cursor: undefined, group: '' });
    await api.post('/tasks/t1/claim');
    const [get, post] = calls;
    expect(get.url).toBe('/tasks?severity=major&overdue=false');
    expect(get.init.credentials).toBe('same-origin');
    expect((get.init.headers as Record<string, string>)['Accept-Language']).toBe('zh-CN');
    expect((get.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((post.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
  });

  test('a 400 becomes an ApiError with the server\'s Chinese message and per-field messages', async () => {
    fakeFetch(400, { error: 'validation_failed', message: '提交的内容有误', fields: [{ field: 'data.cause', messages: ['必填'] }] });
    const error = await api.post('/tasks/t1/complete', { data: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('提交的内容有误');
    expect((error as ApiError).fields).toEqual({ cause: ['必填'] });
  });

  test('a 401 outside sign-in tells the app the session ended; sign-in itself does not', async () => {
    fakeFetch(401, { error: 'unauthorized', message: 'Authentication required' });
    let ended = 0;
    setUnauthorizedHandler(() => { ended += 1; });
    await expect(api.get('/tasks')).rejects.toMatchObject({ status: 401, message: '登录已失效，请重新登录' });
    await expect(api.post('/auth/login', {}, { skipUnauthorizedHook: true })).rejects.toBeInstanceOf(ApiError);
    expect(ended).toBe(1);
  });

  test('XML goes out as it is, and a download comes back as a Blob', async () => {
    const { calls } = fakeFetch(200, '<xml/>');
    await api.post('/processes/p/versions', undefined, { rawBody: '<bpmn:definitions/>', contentType: 'application/xml', responseType: 'text' });
    expect(calls[0].init.body).toBe('<bpmn:definitions/>');
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/xml');
    const blob = await api.get<Blob>('/reports/monthly', { format: 'xlsx' }, { responseType: 'blob' });
    expect(await blob.text()).toBe('<xml/>');
  });

  test('an unreachable server is reported in Chinese', async () => {
    globalThis.fetch = (async () => { throw new TypeError('fetch failed'); }) as typeof fetch;
    await expect(api.get('/tasks')).rejects.toMatchObject({ status: 0, message: '无法连接服务器，请检查网络后重试' });
  });
});
