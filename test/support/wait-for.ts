/**
 * Polls until `check` holds: network round trips and child processes take real time even when a chat's clock is
 * fake.
 */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the wall clock has passed `instant` (epoch ms); returns the new time. */
export async function laterMillisecond(instant: number): Promise<number> {
  await waitFor(() => Date.now() > instant, `the clock to pass ${instant}`);
  return Date.now();
}
