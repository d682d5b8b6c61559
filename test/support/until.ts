/**
 * Waits until `condition` holds (it may ask asynchronously, e.g. over HTTP), looking every 20 ms; after `timeoutMs` it
 * fails, saying it waited for `what`.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
