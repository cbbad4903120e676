/** Types for `bundle.mjs` (plain JavaScript so the CLI can check freshness before tsx is loaded). */
/** Absolute path of `dist/emulator.mjs`. */
export declare const BUNDLE_PATH: string;
/** Absolute path of `dist/grantform-emulator.mjs` (the installed package's bin). */
export declare const BIN_PATH: string;
/** Whether argv seeds from a config file (`--seed x.ts`), which only the sources can load here. */
export declare function seedsFromConfig(argv: readonly string[]): boolean;
/** The bundle's path when it exists and is up to date with its sources; `null` otherwise. */
export declare function freshBundle(): string | null;
/** Builds the bundle and its input manifest. */
export declare function buildBundle(): Promise<{ path: string; inputs: number }>;
/** esbuild plugin: zod's locales reduced to English (the bundles never switch zod's locale). */
export declare const zodEnglishOnly: import('esbuild').Plugin;
