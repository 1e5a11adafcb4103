const startedAt = Date.now();

/** Progress on stderr with the elapsed time, so stdout carries only the final table. */
export function log(message: string): void {
  const s = Math.round((Date.now() - startedAt) / 1_000);
  process.stderr.write(
    `[bench ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}\n`,
  );
}

export const elapsedSeconds = (): number => (Date.now() - startedAt) / 1_000;
