// Preloaded with `node --require` by test/e2e/lean-start.test.ts: at exit, writes the npm packages the process had
// loaded (every package reaches the CommonJS cache, also when imported from ESM) as one line on stderr.
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) names.add(match[1].replace(/\\/g, '/'));
  }
  process.stderr.write(`loaded-packages ${JSON.stringify([...names].sort())}\n`);
});
