/**
 * When to stop restarting a crashing server. No `vscode` import.
 *
 * A server that dies now and then (a bug on one odd article) is restarted so the user
 * keeps working; one that dies again and again (a broken binary) is left down with a
 * message, rather than flashing errors forever.
 */

/** At most this many restarts within the window. */
export const MAX_RESTARTS = 4;
export const WINDOW_MS = 3 * 60 * 1000;

export class CrashCounter {
  private crashes: number[] = [];

  /** Record a crash at `now` (ms); true when the server may be restarted once more. */
  allowRestart(now: number): boolean {
    this.crashes = this.crashes.filter((time) => now - time < WINDOW_MS);
    this.crashes.push(now);
    return this.crashes.length <= MAX_RESTARTS;
  }

  giveUpMessage(): string {
    return (
      `Corroborate: the server stopped ${MAX_RESTARTS + 1} times within ${WINDOW_MS / 60000} minutes and will not be ` +
      'restarted. See "Corroborate: Show Output", then run "Corroborate: Restart Server".'
    );
  }
}
