/** Where a long import got to: a bar redrawn in place on a terminal, a line every few seconds in a log. */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function progressReporter(label: string, out: ProgressSink, now: () => number = Date.now, everyMs = 5_000) {
  let lastLine = -Infinity;
  let drawn = false;
  return {
    update({ records, bytes, totalBytes }: { records: number; bytes: number; totalBytes: number }): void {
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
      const percent = Math.floor(share * 100);
      if (out.isTTY) {
        const width = 30;
        const full = Math.round(share * width);
        out.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(percent).padStart(3)}% ${records.toLocaleString('en')} records`);
        drawn = true;
        return;
      }
      // A log file gets a line now and then, not one per batch.
      if (now() - lastLine < everyMs && share < 1) return;
      lastLine = now();
      out.write(`${label}: ${records.toLocaleString('en')} records read${totalBytes > 0 ? ` (${percent}%)` : ''}\n`);
    },
    done(): void {
      if (drawn) out.write('\n');
    },
  };
}
