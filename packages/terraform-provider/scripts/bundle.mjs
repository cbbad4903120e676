#!/usr/bin/env node
// Bundles the provider executable into dist/provider.mjs (run at prepack, after tsc has built dist/).
import { bundleProvider } from '../dist/bundle.js';

await bundleProvider(new URL('../dist/provider.mjs', import.meta.url).pathname);
console.log('terraform-provider: dist/provider.mjs');
