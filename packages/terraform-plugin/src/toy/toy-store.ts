/**
 * @module
 * The toy provider's "remote system": a JSON file the tests read and edit (to make drift). Test-only.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface ToyThingRecord {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly tags: readonly string[];
  readonly labels: { readonly [key: string]: string };
  readonly weight: number | string | null;
  readonly rules: readonly { readonly port: number; readonly protocol: string | null }[];
  /** The write-only secret as the remote system received it (never in Terraform state). */
  readonly secret: string | null;
}

export interface ToyStoreData {
  readonly nextId: number;
  readonly things: { readonly [id: string]: ToyThingRecord };
}

/** Reads and writes the store file (whole-file, atomic rename). */
export class ToyStore {
  constructor(readonly path: string) {}

  read(): ToyStoreData {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as ToyStoreData;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { nextId: 1, things: {} };
      throw err;
    }
  }

  write(data: ToyStoreData): void {
    writeFileSync(`${this.path}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(`${this.path}.tmp`, this.path);
  }

  get(id: string): ToyThingRecord | undefined {
    return this.read().things[id];
  }

  put(record: Omit<ToyThingRecord, 'id'> & { readonly id?: string }): ToyThingRecord {
    const data = this.read();
    const id = record.id ?? `thing-${data.nextId}`;
    const saved = { ...record, id };
    this.write({ nextId: record.id ? data.nextId : data.nextId + 1, things: { ...data.things, [id]: saved } });
    return saved;
  }

  remove(id: string): void {
    const data = this.read();
    const { [id]: _gone, ...rest } = data.things;
    this.write({ ...data, things: rest });
  }
}
