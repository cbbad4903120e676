/**
 * @module
 * Turns the embedded protocol definitions into gRPC service definitions: protobufjs parses them, and
 * each method gets a serializer (`fromObject` → `encode`) and a deserializer (`decode` → `toObject`
 * with snake_case fields, enums as strings, bytes as Buffers, int64 as numbers, defaults filled in,
 * oneof names set). This is what @grpc/proto-loader does, minus the reflection descriptors it builds
 * for every message, which cost 25–40 ms of each provider launch and which we never use.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { PROTO_FILES } from './embedded.js';

export interface Services {
  readonly provider: ServiceDefinition;
  readonly controller: ServiceDefinition;
}

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

let loaded: Services | undefined;

/** The tfplugin6 Provider and go-plugin GRPCController service definitions (built once). */
export function loadServices(): Services {
  if (loaded) return loaded;
  const root = new protobuf.Root();
  const timestamp = protobuf.common.get('google/protobuf/timestamp.proto');
  if (timestamp?.nested) root.addJSON(timestamp.nested);
  for (const text of Object.values(PROTO_FILES)) protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  loaded = { provider: service(root, 'tfplugin6.Provider'), controller: service(root, 'plugin.GRPCController') };
  return loaded;
}

function service(root: protobuf.Root, name: string): ServiceDefinition {
  const definition: Record<string, ServiceDefinition[string]> = {};
  for (const method of root.lookupService(name).methodsArray) {
    const request = method.resolvedRequestType!;
    const response = method.resolvedResponseType!;
    definition[method.name] = {
      path: `/${name}/${method.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response),
    };
  }
  return definition;
}

function serializer(type: protobuf.Type): (value: object) => Buffer {
  return (value) => Buffer.from(type.encode(type.fromObject(value)).finish());
}

function deserializer(type: protobuf.Type): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), TO_OBJECT);
}
