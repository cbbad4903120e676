/**
 * @module
 * Loads the embedded protocol definitions into gRPC service definitions (protobufjs parses them,
 * proto-loader makes the service definitions: snake_case fields, enums as strings, bytes as Buffers,
 * int64 as numbers, defaults filled in).
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { PROTO_FILES } from './embedded.js';

export interface Services {
  readonly provider: ServiceDefinition;
  readonly controller: ServiceDefinition;
}

let loaded: Services | undefined;

/** The tfplugin6 Provider and go-plugin GRPCController service definitions (parsed once). */
export function loadServices(): Services {
  if (loaded) return loaded;
  const root = new protobuf.Root();
  const timestamp = protobuf.common.get('google/protobuf/timestamp.proto');
  if (timestamp?.nested) root.addJSON(timestamp.nested);
  for (const text of Object.values(PROTO_FILES)) protobuf.parse(text, root, { keepCase: true });
  const definitions = fromJSON(root.toJSON(), {
    keepCase: true,
    longs: Number,
    enums: String,
    bytes: Buffer,
    defaults: true,
    oneofs: true,
  });
  loaded = {
    provider: definitions['tfplugin6.Provider'] as ServiceDefinition,
    controller: definitions['plugin.GRPCController'] as ServiceDefinition,
  };
  return loaded;
}
