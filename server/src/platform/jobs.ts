import type { Logger } from './logger';

/**
 * Periodic jobs in process. Each job must be safe to run on several nodes at once and to be cut off by a restart at
 * any point (the money jobs settle each item in its own transaction under a row lock with its state re-checked).
 * A run never overlaps the previous run of the same job.
 */
export class Jobs {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(private readonly logger: Logger) {}

  every(name: string, intervalMs: number, run: () => Promise<unknown>): void {
    const tick = async () => {
      if (this.running.has(name)) return;
      this.running.add(name);
      try {
        await run();
      } catch (err) {
        this.logger.error({ err, job: name }, 'job failed');
      } finally {
        this.running.delete(name);
      }
    };
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    this.timers.push(timer);
    // First run soon after start, so work that fell due while the server was down is done promptly.
    setTimeout(() => void tick(), 1_000).unref();
  }

  stop(): void {
    this.timers.splice(0).forEach(clearInterval);
  }
}
