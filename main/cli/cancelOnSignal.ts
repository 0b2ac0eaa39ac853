/**
 * Ctrl+C (or SIGTERM) during a lot run: the first asks every probe job to cancel, so the devices in
 * progress end `cancelled` with their state recorded and the lot goes back to `open`; a second one
 * stops the process at once (the next start resolves what was left, see main/station/recovery.ts).
 */
export function cancelOnSignal(): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('cancelling: the devices in progress finish their current step; press Ctrl+C again to stop at once\n');
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
