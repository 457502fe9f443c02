const mods = process.argv.slice(2);
let t = performance.now();
for (const m of mods) { await import(m); const n = performance.now(); console.log(m.replace('/work/wt-speed/dist/src/',''), (n - t).toFixed(1)); t = n; }
