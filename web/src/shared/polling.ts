import { onBeforeUnmount, onMounted } from 'vue';

export const POLL_INTERVAL_MS = 10_000;

/**
 * Runs `tick` every `intervalMs` while the component is mounted and the tab is visible; failures of a tick are
 * left to the next one (a server restart must not spam the clerk with errors).
 */
export function usePolling(tick: () => Promise<unknown>, intervalMs = POLL_INTERVAL_MS): void {
  let timer: ReturnType<typeof setInterval> | null = null;
  let running = false;
  const run = async () => {
    if (running || document.visibilityState === 'hidden') return;
    running = true;
    try {
      await tick();
    } catch {
      // next tick retries
    } finally {
      running = false;
    }
  };
  onMounted(() => { timer = setInterval(run, intervalMs); });
  onBeforeUnmount(() => { if (timer) clearInterval(timer); });
}
