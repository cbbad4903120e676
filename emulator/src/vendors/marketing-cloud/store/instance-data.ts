/**
 * @module
 * State of the REST instance resources (email sends, data extension rows, assets, contacts), one
 * partition per tenant **and business unit**: a token only ever sees its own BU's partition, so data
 * never crosses tenants or BUs. Plain records; snapshot/restore/reset written once here.
 */

export interface EmailSendRecord {
  messageKey: string;
  definitionKey: string;
  contactKey: string;
  to: string;
  attributes: Record<string, unknown>;
  requestId: string;
  createdAt: number;
}

export interface DataExtensionRow {
  keys: Record<string, unknown>;
  values: Record<string, unknown>;
}

export interface DataExtensionRecord {
  /** Lower-cased external key (fuel-rest lower-cases paths). */
  key: string;
  id: string;
  rows: DataExtensionRow[];
}

export interface AssetRecord {
  id: number;
  customerKey: string;
  objectID: string;
  name: string;
  assetType: { id: number; name: string };
  content?: string;
  createdDate: string;
  modifiedDate: string;
}

export interface ContactRecord {
  contactKey: string;
  contactId: number;
  attributeSets: unknown[];
  createdAt: number;
}

export interface BusinessUnitData {
  tenant: string;
  mid: number;
  sends: EmailSendRecord[];
  dataExtensions: DataExtensionRecord[];
  assets: AssetRecord[];
  contacts: ContactRecord[];
}

export interface InstanceDataSnapshot {
  version: 1;
  nextId: number;
  partitions: BusinessUnitData[];
}

export class InstanceData {
  private partitions = new Map<string, BusinessUnitData>();
  private nextId = 1000;

  /** The partition of one tenant's business unit (created empty on first use). */
  bu(tenant: string, mid: number): BusinessUnitData {
    const k = `${tenant}:${mid}`;
    let p = this.partitions.get(k);
    if (!p) {
      p = { tenant, mid, sends: [], dataExtensions: [], assets: [], contacts: [] };
      this.partitions.set(k, p);
    }
    return p;
  }

  /** A fresh numeric id (asset ids, contact ids). */
  id(): number {
    return this.nextId++;
  }

  reset(): void {
    this.partitions.clear();
    this.nextId = 1000;
  }

  snapshot(): InstanceDataSnapshot {
    return structuredClone({ version: 1, nextId: this.nextId, partitions: [...this.partitions.values()] });
  }

  restore(s: InstanceDataSnapshot): void {
    this.reset();
    this.nextId = s.nextId;
    for (const p of structuredClone(s.partitions)) this.partitions.set(`${p.tenant}:${p.mid}`, p);
  }
}
