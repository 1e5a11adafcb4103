import { Presets, SingleBar } from 'cli-progress';
import { estimateRate, slideWindow, type RateSample } from './rebuild-progress.math';

export interface RebuildProgress {
  begin(phase: string, total: number): void;
  update(done: number): void;
  end(): void;
}

const RATE_WINDOW_MS = 10_000;

/** A terminal progress bar on stderr (stdout stays JSON log lines): events done / end offsets, rate and ETA. */
export class CliRebuildProgress implements RebuildProgress {
  private bar: SingleBar | null = null;
  private samples: RateSample[] = [];
  private total = 0;

  begin(phase: string, total: number): void {
    this.end();
    this.total = total;
    this.samples = [{ atMs: Date.now(), done: 0 }];
    this.bar = new SingleBar(
      {
        format: `${phase} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {etaText}`,
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 5_000,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { rate: '0', etaText: '?' });
  }

  update(done: number): void {
    const now = Date.now();
    this.samples = slideWindow([...this.samples, { atMs: now, done }], now, RATE_WINDOW_MS);
    const { perSecond, etaSeconds } = estimateRate(this.samples, this.total);
    this.bar?.update(done, {
      rate: Math.round(perSecond).toString(),
      etaText: etaSeconds === null ? '?' : `${etaSeconds}s`,
    });
  }

  end(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

export const SILENT_PROGRESS: RebuildProgress = {
  begin: () => undefined,
  update: () => undefined,
  end: () => undefined,
};
