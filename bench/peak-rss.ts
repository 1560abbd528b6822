/** Loaded into a benchmarked CLI run with node --require: reports the process's peak resident memory (all threads) on exit. */
process.on("exit", () => {
  process.stderr.write(`\nBENCH_PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
