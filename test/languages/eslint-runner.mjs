// Runs real ESLint (9 or 10) with the built plugin, in its own process as ESLint runs in an
// editor or CI, and prints the results as JSON. Used by test/languages/*.test.ts.
//
// stdin: { "eslint": "eslint" | "eslint-v9", "jobs": [Job] }
//   Job: { "cwd": string, "config": "recommended-all-files" | "strict-all-files" | "recommended"
//          | "strict" | "file" (the eslint.config.js in cwd), "concurrency"?: number,
//          "files"?: string[] (default ["."]), "text"?: string, "filePath"?: string (lintText),
//          "settings"?: object, "fix"?: boolean }
// stdout: [{ "error"?: string, "results"?: [{ "file", "messages", "output"? }] }], one per job.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const request = JSON.parse(readFileSync(0, 'utf8'));
const { loadESLint } = await import(request.eslint);
const plugin = (await import('../../dist/src/plugin/index.js')).default;
const ESLint = await loadESLint({ useFlatConfig: true });

const answers = [];
for (const job of request.jobs) {
  try {
    // "file": the project's own eslint.config.js (the only form `concurrency` accepts).
    const options = { cwd: job.cwd, fix: job.fix === true };
    if (job.config === 'file') {
      if (job.concurrency) options.concurrency = job.concurrency;
    } else {
      const base = plugin.configs[job.config];
      options.overrideConfigFile = true;
      options.overrideConfig = [...(Array.isArray(base) ? base : [base])];
      if (job.settings) options.overrideConfig.push({ settings: job.settings });
    }
    const eslint = new ESLint(options);
    const results =
      job.text === undefined
        ? await eslint.lintFiles(job.files ?? ['.'])
        : await eslint.lintText(job.text, { filePath: path.resolve(job.cwd, job.filePath) });
    answers.push({
      results: results.map((r) => ({
        file: path.relative(job.cwd, r.filePath).split(path.sep).join('/'),
        messages: r.messages,
        ...(r.output !== undefined ? { output: r.output } : {}),
      })),
    });
  } catch (error) {
    answers.push({ error: String(error?.message ?? error).split('\n')[0] });
  }
}
process.stdout.write(JSON.stringify(answers));
