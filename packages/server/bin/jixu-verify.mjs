#!/usr/bin/env node
// The `jixu-verify` command: runs the TypeScript verifier through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/verify/cli.ts');
process.exitCode = await main(process.argv.slice(2));
