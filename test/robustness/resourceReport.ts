// Preloaded into a child process (`node --require .../resourceReport.js`) by cliFaults.test.ts: when the process
// exits it writes its peak resident memory and CPU time, as JSON, to the file named by CITEWRIGHT_RESOURCE_REPORT.
import { writeFileSync } from 'node:fs';

const REPORT = process.env.CITEWRIGHT_RESOURCE_REPORT;

if (REPORT) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(REPORT, JSON.stringify({ code, maxRssKiB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
  });
}
