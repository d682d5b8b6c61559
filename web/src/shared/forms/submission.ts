import { ref } from 'vue';
import { ApiError } from '../api/errors';

/**
 * Sending a dialog's form: the browser's own checks first (messages by field), then the request; the server's 400
 * field messages land on their fields and its message in `error`. `busy` while the request is out.
 */
export function useSubmission() {
  const fields = ref<Record<string, string[]>>({});
  const error = ref('');
  const busy = ref(false);
  const fieldError = (name: string) => fields.value[name]?.join('；') ?? '';

  function reset(): void {
    fields.value = {};
    error.value = '';
  }

  /** True once `send` succeeded; false when a check failed or the server refused. */
  async function submit(missing: Record<string, string[]>, send: () => Promise<void>): Promise<boolean> {
    error.value = '';
    fields.value = missing;
    if (Object.keys(missing).length > 0) return false;
    busy.value = true;
    try {
      await send();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.isFieldError) fields.value = e.fields;
      error.value = (e as Error).message;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { fields, error, busy, fieldError, reset, submit };
}
