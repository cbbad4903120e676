/**
 * @module
 * The SOAP instance API, `POST {tssd}.soap.marketingcloudapis.com/Service.asmx` (any letter case:
 * fuel-soap sends `Service.asmx`, FuelSDK-Python `service.asmx`). The token arrives in the
 * `<fueloauth>` header (or the legacy `<oAuth><oAuthToken>` form). A bad, unknown or foreign-tenant
 * token → fault `Login Failed`; an expired one → exactly `Token Expired` (clients string-match it to
 * refresh); both `q0:Security`, HTTP 500. Supported: `Retrieve` of `BusinessUnit`.
 */
import { SCOPE_REQUIREMENTS, type ScopeRequirement } from '@grantform/config/scope-requirements';
import { Hono } from 'hono';
import { noteClientId } from '../../../../pipeline.js';
import { usageSink } from '../../../../usage/probe.js';
import type { McContext } from '../../context.js';
import { vhostOf } from '../../hosts.js';
import type { BearerContext } from '../../tokens.js';
import { checkInstanceToken } from '../instance-token.js';
import { checkScope } from '../rest/auth.js';
import { BUSINESS_UNIT_PROPERTIES, businessUnitRow, matches, resultNode, visibleUnits } from './business-unit.js';
import {
  asNode,
  asText,
  envelope,
  PARTNER_NS,
  parseEnvelope,
  SOAP_HEADERS,
  SoapFault,
  SoapParseError,
  securityFault,
  type XmlNode,
} from './envelope.js';

const MAX_SOAP_BYTES = 1024 * 1024;

/** The requirement-table row of a SOAP action on an object, if the table has one. */
const soapRequirement = (action: string, objectType: string): ScopeRequirement | undefined =>
  SCOPE_REQUIREMENTS.find(
    (r) => r.vendor === 'marketing-cloud' && r.api === 'soap' && r.served && r.call === `${action} ${objectType}`,
  );

export function soapRoutes(ctx: McContext): Hono {
  const app = new Hono();

  const retrieve = (bearer: BearerContext, request: XmlNode): { status: string; results: XmlNode[] } => {
    const objectType = asText(request.ObjectType) ?? '';
    const requirement = soapRequirement('Retrieve', objectType);
    if (objectType !== 'BusinessUnit' || requirement === undefined) {
      return { status: `Error: The emulator cannot retrieve objects of type ${objectType || '(none)'}.`, results: [] };
    }
    if (checkScope(ctx, bearer, requirement) === null) {
      return { status: 'Error: Insufficient privileges to retrieve objects of type BusinessUnit.', results: [] };
    }
    const props = (Array.isArray(request.Properties) ? request.Properties : [])
      .map((p) => asText(p) ?? '')
      .filter((p) => p !== '');
    const properties = props.length > 0 ? props : ['ID', 'Name'];
    const unknown = properties.filter((p) => !BUSINESS_UNIT_PROPERTIES.has(p));
    if (unknown.length > 0) {
      return {
        status: `Error: The Request Property(s) ${unknown.join(', ')} do not match with the fields of BusinessUnit retrieve`,
        results: [],
      };
    }
    const { tenant, record } = bearer;
    const clientIds = (Array.isArray(request.ClientIDs) ? request.ClientIDs : [])
      .map((c) => asText(asNode(c)?.ID))
      .filter((id): id is string => id !== undefined);
    const foreign = clientIds.find((id) => Number(id) !== record.mid);
    if (foreign !== undefined) {
      return { status: `Error: The token is not valid for business unit ${foreign}.`, results: [] };
    }
    const all = (asText(request.QueryAllAccounts) ?? 'false').toLowerCase() === 'true';
    let units = visibleUnits(tenant, record.mid, all);
    const filter = asNode(request.Filter);
    if (filter) {
      try {
        units = units.filter((bu) => matches(filter, businessUnitRow(tenant, bu)));
      } catch (err) {
        return { status: `Error: ${(err as Error).message}`, results: [] };
      }
    }
    return { status: 'OK', results: units.map((bu) => resultNode(tenant, bu, properties)) };
  };

  app.post('/service.asmx', async (c) => {
    const vhost = vhostOf(c, 'soap');
    const actor = `https://${vhost.tssd}.soap.marketingcloudapis.com/Service.asmx`;
    const text = await c.req.text().catch(() => '');
    if (text.length > MAX_SOAP_BYTES) throw new SoapFault('soap:Client', 'The request is too large.');
    let req: ReturnType<typeof parseEnvelope>;
    try {
      req = parseEnvelope(text);
    } catch (err) {
      throw new SoapFault('soap:Client', err instanceof SoapParseError ? err.message : 'Bad request.');
    }
    const auth = await checkInstanceToken(ctx, req.token, vhost.tssd, usageSink(c.req.raw, ctx.usage));
    if (!auth.ok) throw securityFault(auth.reason === 'expired' ? 'Token Expired' : 'Login Failed', actor);
    noteClientId(c, auth.bearer.record.clientId);
    if (req.operation !== 'RetrieveRequestMsg') {
      throw new SoapFault('soap:Client', `The emulator does not implement ${req.operation ?? 'this operation'}.`);
    }
    const request = asNode(req.body.RetrieveRequest) ?? {};
    const { status, results } = retrieve(auth.bearer, request);
    const body: XmlNode = {
      RetrieveResponseMsg: {
        '@_xmlns': PARTNER_NS,
        OverallStatus: status,
        RequestID: ctx.options.randomId(),
        ...(results.length > 0 ? { Results: results } : {}),
      },
    };
    const ids = { messageId: ctx.options.randomId(), relatesTo: ctx.options.randomId() };
    return c.body(envelope('RetrieveResponse', body, ids, ctx.nowMs()), 200, SOAP_HEADERS);
  });
  return app;
}
