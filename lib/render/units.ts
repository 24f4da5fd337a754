/** Human units for figures shown in progress bars and summaries: bytes, durations, counts. */

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** Bytes with a binary unit: `1.5 MiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${BYTE_UNITS[unit]}`;
}

/** A duration in seconds as `850 ms`, `12.3 s` or `4 min 05 s`. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, "0")} s`;
}

/** An integer with thousands separators: `1,234,567`. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** A throughput in MB/s (decimal megabytes, as benchmarks quote them). */
export function formatRate(bytes: number, seconds: number): string {
  return seconds > 0 ? `${(bytes / 1e6 / seconds).toFixed(1)} MB/s` : "–";
}
