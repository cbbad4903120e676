/**
 * @module
 * `cdktf synth` entry (see `cdktf.json`), also runnable directly: writes
 * `cdktf.out/stacks/grantform/cdk.tf.json`.
 */
import { App } from 'cdktf';
import { litwareStack } from './stack.js';

const app = new App({ outdir: 'cdktf.out' });
litwareStack(app, process.env.GRANTFORM_ENDPOINT ? { endpoint: process.env.GRANTFORM_ENDPOINT } : {});
app.synth();
