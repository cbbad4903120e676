import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROTO_FILES } from './embedded.js';
import { loadServices } from './load.js';

const protoDir = join(dirname(fileURLToPath(import.meta.url)), '../../proto');

describe('embedded protocol definitions', () => {
  it('are exactly proto/*.proto (run scripts/embed-proto.mjs after editing them)', () => {
    const files = readdirSync(protoDir).filter((f) => f.endsWith('.proto'));
    expect(Object.fromEntries(files.map((f) => [f, readFileSync(join(protoDir, f), 'utf8')]))).toEqual(PROTO_FILES);
  });

  it('define the services and methods Terraform calls, at the protocol paths', () => {
    const { provider, controller } = loadServices();
    expect(Object.values(provider).map((m) => m.path)).toEqual([
      '/tfplugin6.Provider/GetMetadata',
      '/tfplugin6.Provider/GetProviderSchema',
      '/tfplugin6.Provider/ValidateProviderConfig',
      '/tfplugin6.Provider/ValidateResourceConfig',
      '/tfplugin6.Provider/ValidateDataResourceConfig',
      '/tfplugin6.Provider/UpgradeResourceState',
      '/tfplugin6.Provider/ConfigureProvider',
      '/tfplugin6.Provider/ReadResource',
      '/tfplugin6.Provider/PlanResourceChange',
      '/tfplugin6.Provider/ApplyResourceChange',
      '/tfplugin6.Provider/ImportResourceState',
      '/tfplugin6.Provider/ReadDataSource',
      '/tfplugin6.Provider/ValidateEphemeralResourceConfig',
      '/tfplugin6.Provider/OpenEphemeralResource',
      '/tfplugin6.Provider/RenewEphemeralResource',
      '/tfplugin6.Provider/CloseEphemeralResource',
      '/tfplugin6.Provider/StopProvider',
    ]);
    expect(Object.values(controller).map((m) => m.path)).toEqual(['/plugin.GRPCController/Shutdown']);
  });
});
