/**
 * @module
 * The provider executable's entry point (bundled into `dist/provider.mjs`; Terraform starts it).
 */
import { serve } from '@grantform/terraform-plugin';
import { grantformProvider } from './provider.js';

await serve(grantformProvider());
