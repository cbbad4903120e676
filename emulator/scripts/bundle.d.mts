/** Types for `bundle.mjs` (plain JavaScript so the CLI can check freshness before tsx is loaded). */
/** Absolute path of `dist/emulator.mjs`. */
export declare const BUNDLE_PATH: string;
/** The bundle's path when it exists and is up to date with its sources; `null` otherwise. */
export declare function freshBundle(): string | null;
/** Builds the bundle and its input manifest. */
export declare function buildBundle(): Promise<{ path: string; inputs: number }>;
