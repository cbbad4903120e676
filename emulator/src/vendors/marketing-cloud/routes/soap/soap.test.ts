import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CHILD, ENT, OTHER, TSSD } from '../../testing/fixtures.js';
import { addCustomerTenant, admin, CUSTOMER_SOAP, instanceSetup, SOAP } from '../../testing/instance-fixtures.js';

const retrieve = (
  token: string,
  inner: string,
  header = `<fueloauth xmlns="http://exacttarget.com">${token}</fueloauth>`,
) =>
  `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Header>${header}</Header><Body><RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest><ObjectType>BusinessUnit</ObjectType><Properties>ID</Properties><Properties>Name</Properties><Properties>ParentID</Properties><Properties>ParentName</Properties><Properties>IsActive</Properties>${inner}</RetrieveRequest></RetrieveRequestMsg></Body></Envelope>`;

const post = (xml: string, path = '/Service.asmx'): RequestInit & { path: string } => ({
  path,
  method: 'POST',
  headers: { 'content-type': 'text/xml', soapaction: 'Retrieve' },
  body: xml,
});

const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'Results' });
type Parsed = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const body = (xml: string) => (parser.parse(xml) as Parsed)['soap:Envelope']!['soap:Body']!;

describe('SOAP Service.asmx', () => {
  it('retrieves the BusinessUnit tree with QueryAllAccounts in the envelope real clients parse', async () => {
    // GIVEN an enterprise-BU token
    const s = await instanceSetup();
    const token = await s.token(undefined, ENT);
    // WHEN it retrieves BusinessUnit with QueryAllAccounts
    const { path, ...init } = post(retrieve(token, '<QueryAllAccounts>true</QueryAllAccounts>'));
    const res = await s.app.request(`${SOAP}${path}`, init);
    // THEN
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const xml = await res.text();
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"',
      ),
    ).toBe(true);
    const doc = parser.parse(xml) as Parsed;
    const header = doc['soap:Envelope']!['soap:Header']!;
    expect(header['wsa:Action']).toBe('RetrieveResponse');
    expect(header['wsse:Security']).toEqual({
      'wsu:Timestamp': {
        '@_wsu:Id': expect.stringMatching(/^Timestamp-/),
        'wsu:Created': '2026-01-01T00:00:00Z',
        'wsu:Expires': '2026-01-01T00:05:00Z',
      },
    });
    expect(body(xml).RetrieveResponseMsg).toEqual({
      '@_xmlns': 'http://exacttarget.com/wsdl/partnerAPI',
      OverallStatus: 'OK',
      RequestID: expect.any(String),
      Results: [
        { '@_xsi:type': 'BusinessUnit', ID: ENT, Name: 'Acme', ParentID: 0, ParentName: '', IsActive: true },
        { '@_xsi:type': 'BusinessUnit', ID: CHILD, Name: 'Acme EU', ParentID: ENT, ParentName: 'Acme', IsActive: true },
        {
          '@_xsi:type': 'BusinessUnit',
          ID: OTHER,
          Name: 'Acme Labs',
          ParentID: ENT,
          ParentName: 'Acme',
          IsActive: true,
        },
      ],
    });
  });

  it('applies simple and complex filters, scopes results to the token BU, and reports unknown properties', async () => {
    const s = await instanceSetup();
    const ent = await s.token(undefined, ENT);
    const child = await s.token(undefined, CHILD);
    const ids = async (token: string, inner: string) => {
      const { path, ...init } = post(retrieve(token, inner), '/service.asmx');
      const msg = body(await (await s.app.request(`${SOAP}${path}`, init)).text()).RetrieveResponseMsg as {
        Results?: { ID: number }[];
        OverallStatus: string;
      };
      return msg.Results?.map((r) => r.ID) ?? msg.OverallStatus;
    };
    const simple = `<QueryAllAccounts>true</QueryAllAccounts><Filter xsi:type="SimpleFilterPart"><Property>Name</Property><SimpleOperator>like</SimpleOperator><Value>%EU</Value></Filter>`;
    expect(await ids(ent, simple)).toEqual([CHILD]);
    const complex = `<QueryAllAccounts>true</QueryAllAccounts><Filter xsi:type="ComplexFilterPart"><LeftOperand xsi:type="SimpleFilterPart"><Property>ID</Property><SimpleOperator>equals</SimpleOperator><Value>${ENT}</Value></LeftOperand><LogicalOperator>OR</LogicalOperator><RightOperand xsi:type="SimpleFilterPart"><Property>ID</Property><SimpleOperator>equals</SimpleOperator><Value>${OTHER}</Value></RightOperand></Filter>`;
    expect(await ids(ent, complex)).toEqual([ENT, OTHER]);
    // without QueryAllAccounts only the token's BU; a child token never sees its parent or siblings
    expect(await ids(ent, '')).toEqual([ENT]);
    expect(await ids(child, '<QueryAllAccounts>true</QueryAllAccounts>')).toEqual([CHILD]);
    // naming another BU in ClientIDs does not let the token act there
    expect(await ids(child, `<ClientIDs><ID>${ENT}</ID></ClientIDs>`)).toBe(
      `Error: The token is not valid for business unit ${ENT}.`,
    );
    expect(await ids(child, `<ClientIDs><ID>${CHILD}</ID></ClientIDs>`)).toEqual([CHILD]);
    const { path, ...init } = post(
      retrieve(ent, '').replace('<Properties>IsActive</Properties>', '<Properties>Bogus</Properties>'),
    );
    const status = body(await (await s.app.request(`${SOAP}${path}`, init)).text()).RetrieveResponseMsg as {
      OverallStatus: string;
    };
    expect(status.OverallStatus).toBe(
      'Error: The Request Property(s) Bogus do not match with the fields of BusinessUnit retrieve',
    );
  });

  it('faults with Login Failed for a bad token and exactly Token Expired for an expired one, HTTP 500', async () => {
    const s = await instanceSetup();
    const token = await s.token();
    const call = async (t: string) => {
      const { path, ...init } = post(retrieve(t, ''));
      return s.app.request(`${SOAP}${path}`, init);
    };
    const bad = await call('not-a-token');
    expect(bad.status).toBe(500);
    expect(await bad.text()).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><soap:Fault><faultcode xmlns:q0="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">q0:Security</faultcode><faultstring>Login Failed</faultstring><faultactor>https://${TSSD}.soap.marketingcloudapis.com/Service.asmx</faultactor></soap:Fault></soap:Body></soap:Envelope>`,
    );
    await admin(s.app, 'POST', '/clock', { advanceSeconds: 1200 });
    const expired = await call(token);
    expect(expired.status).toBe(500);
    expect((body(await expired.text())['soap:Fault'] as { faultstring: string }).faultstring).toBe('Token Expired');
  });

  it('accepts the legacy oAuth/oAuthToken header and refuses a token from another tenant', async () => {
    const s = await instanceSetup();
    await addCustomerTenant(s.app);
    const token = await s.token();
    const legacyHeader = `<oAuth xmlns="http://exacttarget.com"><oAuthToken>${token}</oAuthToken></oAuth>`;
    const { path, ...init } = post(retrieve(token, '', legacyHeader));
    expect((await s.app.request(`${SOAP}${path}`, init)).status).toBe(200);
    const foreign = await s.app.request(`${CUSTOMER_SOAP}${path}`, post(retrieve(token, '')));
    expect(foreign.status).toBe(500);
    expect((body(await foreign.text())['soap:Fault'] as { faultstring: string }).faultstring).toBe('Login Failed');
    const notXml = await s.app.request(`${SOAP}/Service.asmx`, { method: 'POST', body: 'nope' });
    expect((body(await notXml.text())['soap:Fault'] as { faultcode: string }).faultcode).toBe('soap:Client');
  });
});
