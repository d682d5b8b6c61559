/** Waits until `condition` holds, looking every 20 ms; after `timeoutMs` it fails, saying it waited for `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
