/** @module The version of the four grantform packages, printed by `grantform --version`. */
export const VERSION = '0.1.0';
