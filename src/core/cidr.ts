/** IPv4 CIDR arithmetic for the ingest checks (the schema accepts IPv4 ranges only). */

/** First and last address of an IPv4 CIDR as unsigned 32-bit numbers, or undefined when it is not one. */
export function ipv4Range(cidr: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(address / size) * size; // host bits ignored, as AWS does
  return [start, start + size - 1];
}

/** Whether the ranges together cover every IPv4 address (0.0.0.0/0, or e.g. 0.0.0.0/1 plus 128.0.0.0/1). */
export function coversWholeInternet(cidrs: readonly string[]): boolean {
  const ranges = cidrs
    .map(ipv4Range)
    .filter((r): r is [number, number] => !!r)
    .sort((a, b) => a[0] - b[0]);
  let next = 0; // the first address not yet covered
  for (const [start, end] of ranges) {
    if (start > next) return false;
    next = Math.max(next, end + 1);
  }
  return next > 0xffffffff;
}
