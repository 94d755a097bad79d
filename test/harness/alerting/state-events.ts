/**
 * Waits for a condition on some state to hold, re-checked each time an event reports that the
 * state changed (a notification answered), never by sleeping. The timeout only bounds a wait
 * that went wrong, and says what was awaited.
 */
export class StateEvents {
  private readonly waiting = new Set<() => void>();

  /** Call after each change of the state. */
  readonly changed = (): void => {
    for (const check of [...this.waiting]) check();
  };

  until(
    condition: () => boolean,
    what: string,
    describe: () => string,
    timeoutMs = 20_000,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting until ${what}; ${describe()}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiting.delete(check);
        resolve();
      };
      this.waiting.add(check);
      check();
    });
  }
}
