/**
 * @module
 * `pnpm bench`: runs each registered benchmark and prints what it measured.
 */
const benches: { name: string; run: () => Promise<void> }[] = [];

if (benches.length === 0) {
  console.log('grantform bench: no benchmarks are registered yet (the emulator and engine issues add them).');
}
for (const bench of benches) {
  console.log(`# ${bench.name}`);
  await bench.run();
}
