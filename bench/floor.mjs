/** The floor: a plain Node loop that lists and reads every file of the tree, nothing more. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const start = performance.now();
let files = 0;
let bytes = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  bytes += readFileSync(join(entry.parentPath, entry.name)).length;
  files++;
}
process.stdout.write(
  JSON.stringify({
    files,
    bytes,
    ms: performance.now() - start,
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n',
);
