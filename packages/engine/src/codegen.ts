/**
 * @module
 * Writing TypeScript for the config code `import` prints (pure): literals for strings and plain
 * values, quoted as the repository's Biome settings quote them.
 */

/** A single-quoted TypeScript string literal. */
export function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A TypeScript literal for a string, number, boolean, array or plain object (`undefined` otherwise). */
export function tsValue(v: unknown): string {
  if (typeof v === 'string') return tsString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tsValue).join(', ')}]`;
  if (typeof v === 'object' && v !== null)
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${tsValue(x)}`)
      .join(', ')} }`;
  return 'undefined';
}
