#!/usr/bin/env node
// The CLI is TypeScript run by Node's built-in type stripping (Node 22.18+; the project carries Node 24).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`lexpact needs Node.js 24 (found ${process.versions.node}). Run it as "npx lexpact …" inside the project, which uses the Node 24 installed by npm install.`);
  process.exit(1);
}
await import('../src/cli/main.ts');
