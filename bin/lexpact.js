#!/usr/bin/env node
// The CLI is TypeScript run by Node's built-in type stripping (Node 22.18+; the project carries Node 24).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  // A shell whose own `node` is older (./bin/lexpact.js, `npm link`) still finds the Node 24 that npm install put
  // in node_modules, and hands the command over to it: one extra short process instead of an error.
  const { existsSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (existsSync(projectNode)) {
    const result = spawnSync(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    process.exit(result.status ?? 1);
  }
  console.error(
    `lexpact needs Node.js 24 (found ${process.versions.node}). Run "npm install" in the project, which brings Node 24, then "npx lexpact …" or ./bin/lexpact.js.`,
  );
  process.exit(1);
}
// Each command starts a fresh process that compiles drizzle, zod and the CLI's own modules again: Node's on-disk
// compile cache (in the system's temporary folder) turns that into a read.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { cacheModuleFormats } = await import('../src/cli/module-formats.ts');
cacheModuleFormats();
// A command runs for a second or two: V8 would spend more time and memory (380 MiB more at the peak, in background
// threads) compiling PGlite's hot WebAssembly functions with its optimising tier than that tier saves. A budget this
// large keeps them on the baseline compiler unless a long import makes them really hot.
const { setFlagsFromString } = await import('node:v8');
setFlagsFromString('--wasm-tiering-budget=2000000000');
await import('../src/cli/main.ts');
