/**
 * @module
 * The toy provider's executable entry point (bundled by the end-to-end test).
 */
import { serve } from '../serve.js';
import { toyProvider } from './toy-provider.js';

await serve(toyProvider());
