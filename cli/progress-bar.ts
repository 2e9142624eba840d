/**
 * A progress bar on standard error for long batches: drawn only when stderr is a terminal, at most ten times a
 * second, and erased at the end so the summary starts on a clean line.
 */
const WIDTH = 28;

export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly totalBytes: number,
    private readonly now: () => number,
    private readonly started = now(),
  ) {}

  update(bytesRead: number, lines: number): void {
    const at = this.now();
    if (at - this.lastDraw < 100) return;
    this.lastDraw = at;
    const fraction = this.totalBytes > 0 ? Math.min(1, bytesRead / this.totalBytes) : 0;
    const filled = Math.round(fraction * WIDTH);
    const rate = lines / Math.max(0.001, (at - this.started) / 1000);
    this.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${lines.toLocaleString('en-US')} lines  ${Math.round(rate).toLocaleString('en-US')}/s`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.write(`\r${' '.repeat(WIDTH + 48)}\r`);
  }
}
