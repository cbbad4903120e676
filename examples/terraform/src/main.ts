/**
 * @module
 * `cdktf synth` entry (see `cdktf.json`), also runnable directly: writes
 * `cdktf.out/stacks/grantform/cdk.tf.json`.
 */
import { App } from 'cdktf';
import { litwareStack } from './stack.js';

const app = new App({ outdir: 'cdktf.out' });
// GRANTFORM_RESOURCE_TYPE: null_resource (default), terraform_data (offline) or grantform (the provider).
const resourceType = process.env.GRANTFORM_RESOURCE_TYPE as
  | 'null_resource'
  | 'terraform_data'
  | 'grantform'
  | undefined;
litwareStack(app, {
  ...(process.env.GRANTFORM_ENDPOINT ? { endpoint: process.env.GRANTFORM_ENDPOINT } : {}),
  ...(resourceType ? { resourceType } : {}),
});
app.synth();
