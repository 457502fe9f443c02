/** Preloaded into the measured process: reports its peak RSS on stderr as it exits. */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n__BENCH_RSS_KB__=${process.resourceUsage().maxRSS}\n`);
});
