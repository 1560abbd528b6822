/** Loaded into a benchmarked CLI run with node --require: reports the process's peak resident memory and CPU time (all threads) on exit. */
process.on("exit", () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nBENCH_PEAK_RSS_KB=${usage.maxRSS} BENCH_CPU_MS=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
