/**
 * @module
 * The nightly job: for each business unit, a client-credentials token (`account_id` = the MID), then
 * REST (`/platform/v1/tokenContext`, `/platform/v1/endpoints`, and the rows of the report data
 * extension, which needs `data_extensions_read`) and SOAP (Retrieve BusinessUnit) on the instance
 * URLs the token response names. Plain `fetch` against the vendor's real host names;
 * nothing here knows about the emulator.
 */

export interface NightlyJobOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://{tssd}.auth.marketingcloudapis.com/` */
  readonly authUrl: string;
  /** MIDs to visit, in order. */
  readonly businessUnits: readonly number[];
  /** Also call SOAP. @default true */
  readonly soap?: boolean;
  /** The data extension whose rows the job counts; one that does not exist yet counts 0. @default 'nightly_report' */
  readonly reportKey?: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export interface BusinessUnitReport {
  readonly mid: number;
  /** `organization.id` from tokenContext: the BU the token is really for. */
  readonly tokenMid: number;
  readonly enterpriseId: number;
  readonly scopes: readonly string[];
  readonly restUrl: string;
  readonly soapUrl: string;
  /** `type → url` from `/platform/v1/endpoints`. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Rows in the report data extension (0 when it does not exist yet). */
  readonly reportRows: number;
  /** Business units visible over SOAP (`ID`, `Name`), or `null` when SOAP was skipped. */
  readonly soapBusinessUnits: readonly { id: number; name: string }[] | null;
}

/** A vendor call that did not answer 200. */
export class NightlyJobError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step} failed with ${status}: ${body}`);
    this.name = new.target.name;
  }
}

interface TokenResponse {
  access_token: string;
  scope: string;
  rest_instance_url: string;
  soap_instance_url: string;
}

async function ok(step: string, res: Response): Promise<Response> {
  if (!res.ok) throw new NightlyJobError(step, res.status, await res.text());
  return res;
}

const RETRIEVE_BUSINESS_UNITS = (token: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></Header>
  <Body><RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest>
    <ObjectType>BusinessUnit</ObjectType><Properties>ID</Properties><Properties>Name</Properties>
  </RetrieveRequest></RetrieveRequestMsg></Body>
</Envelope>`;

/** The `<Results>` of a RetrieveResponseMsg as `{id, name}` (a regex is enough for two fields). */
export function parseBusinessUnits(xml: string): { id: number; name: string }[] {
  const status = /<OverallStatus>([^<]*)<\/OverallStatus>/.exec(xml)?.[1];
  if (status !== 'OK' && status !== 'MoreDataAvailable') throw new NightlyJobError('soap Retrieve', 200, xml);
  return [...xml.matchAll(/<Results\b[^>]*>([\s\S]*?)<\/Results>/g)].map(([, inner = '']) => ({
    id: Number(/<ID>([^<]*)<\/ID>/.exec(inner)?.[1]),
    name: /<Name>([^<]*)<\/Name>/.exec(inner)?.[1] ?? '',
  }));
}

/**
 * Runs the job for every business unit, one after another, and returns what it saw.
 * @example
 * const report = await runNightlyJob({ clientId, clientSecret, authUrl, businessUnits: [501, 502] });
 */
export async function runNightlyJob(o: NightlyJobOptions): Promise<BusinessUnitReport[]> {
  const http = o.fetch ?? globalThis.fetch;
  const reports: BusinessUnitReport[] = [];
  for (const mid of o.businessUnits) {
    // 1. a token for this business unit
    const tokenRes = await ok(
      `token for ${mid}`,
      await http(new URL('v2/token', o.authUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: o.clientId,
          client_secret: o.clientSecret,
          account_id: mid,
        }),
      }),
    );
    const token = (await tokenRes.json()) as TokenResponse;
    const auth = { authorization: `Bearer ${token.access_token}` };

    // 2. REST: which BU is this token for, and where are the endpoints
    const ctxRes = await ok(
      'tokenContext',
      await http(new URL('platform/v1/tokenContext', token.rest_instance_url), { headers: auth }),
    );
    const ctx = (await ctxRes.json()) as { enterprise: { id: number }; organization: { id: number } };
    const epRes = await ok(
      'endpoints',
      await http(new URL('platform/v1/endpoints', token.rest_instance_url), { headers: auth }),
    );
    const endpoints = (await epRes.json()) as { items: { type: string; url: string }[] };
    const reportKey = encodeURIComponent(o.reportKey ?? 'nightly_report');
    const rowsRes = await http(new URL(`data/v1/customobjectdata/key/${reportKey}/rowset`, token.rest_instance_url), {
      headers: auth,
    });
    const reportRows =
      rowsRes.status === 404 ? 0 : ((await (await ok('report rows', rowsRes)).json()) as { count: number }).count;

    // 3. SOAP: Retrieve BusinessUnit with the same token
    let soapBusinessUnits: { id: number; name: string }[] | null = null;
    if (o.soap ?? true) {
      const soapRes = await ok(
        'soap Retrieve',
        await http(new URL('Service.asmx', token.soap_instance_url), {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'Retrieve' },
          body: RETRIEVE_BUSINESS_UNITS(token.access_token),
        }),
      );
      soapBusinessUnits = parseBusinessUnits(await soapRes.text());
    }

    reports.push({
      mid,
      tokenMid: ctx.organization.id,
      enterpriseId: ctx.enterprise.id,
      scopes: token.scope.split(' ').filter(Boolean),
      restUrl: token.rest_instance_url,
      soapUrl: token.soap_instance_url,
      endpoints: Object.fromEntries(endpoints.items.map((e) => [e.type, e.url])),
      reportRows,
      soapBusinessUnits,
    });
  }
  return reports;
}
