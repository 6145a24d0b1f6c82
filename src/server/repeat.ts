/**
 * Runs `task` every `ms` milliseconds, never two at once (a tick that finds the last one still running
 * is skipped), and once at the start when `now`; errors go to `onError`. The timer does not keep the
 * process alive. Answers the function that stops it.
 */
export function repeatEvery(
  ms: number,
  task: () => Promise<unknown>,
  onError: (err: unknown) => void,
  { now = false } = {},
) {
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    task()
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, ms);
  timer.unref();
  if (now) tick();
  return () => clearInterval(timer);
}
