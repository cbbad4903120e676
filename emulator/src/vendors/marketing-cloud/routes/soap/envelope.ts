/**
 * @module
 * SOAP 1.1 envelopes for the `Service.asmx` instance API, parsed and built with fast-xml-parser.
 * Responses use the shape real clients parse (fuel-soap reads `soap:Envelope` → `soap:Body` with the
 * exact `soap:` prefix; sfmc-sdk reads `OverallStatus`, `RequestID`, `Results`): the mcdev fixture's
 * header (`wsa:*`, `wsse:Security/wsu:Timestamp`) and body (`RetrieveResponseMsg` in the partner API
 * namespace, `Results xsi:type="…"`). Faults are SOAP 1.1 faults, sent with HTTP 500.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const PARTNER_NS = 'http://exacttarget.com/wsdl/partnerAPI';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';

/** Elements that may repeat: always parsed as arrays. */
const REPEATED = new Set(['Properties', 'ClientIDs', 'Objects']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlValue[];

/** A parsed request envelope: the token (from either header form), the action and the body. */
export interface SoapRequest {
  /** `<fueloauth>` (OAuth token) or `<oAuth><oAuthToken>` (legacy token). */
  token: string | undefined;
  /** First element of `Body` (e.g. `RetrieveRequestMsg`) and its content. */
  operation: string | undefined;
  body: XmlNode;
}

export class SoapParseError extends Error {}

const text = (v: XmlValue): string | undefined => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['#text'] === 'string') return v['#text'];
  return undefined;
};

export const asNode = (v: XmlValue): XmlNode | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
export const asText = text;

/** Parses a request envelope; throws {@link SoapParseError} when it is not a SOAP envelope. */
export function parseEnvelope(xml: string): SoapRequest {
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch {
    throw new SoapParseError('The request is not well-formed XML.');
  }
  const envelope = asNode(doc.Envelope);
  const body = envelope ? asNode(envelope.Body) : undefined;
  if (!envelope || !body) throw new SoapParseError('The request is not a SOAP envelope.');
  const header = asNode(envelope.Header);
  const token = header ? (text(header.fueloauth) ?? text(asNode(header.oAuth)?.oAuthToken)) : undefined;
  const operation = Object.keys(body).find((k) => !k.startsWith('@_'));
  return { token: token?.trim(), operation, body: (operation && asNode(body[operation])) || {} };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A response envelope with the header real responses carry. */
export function envelope(
  action: string,
  body: XmlNode,
  ids: { messageId: string; relatesTo: string },
  nowMs: number,
): string {
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    'soap:Envelope': {
      '@_xmlns:soap': SOAP_NS,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      '@_xmlns:wsa': 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
      '@_xmlns:wsse': WSSE_NS,
      '@_xmlns:wsu': WSU_NS,
      'soap:Header': {
        'wsa:Action': action,
        'wsa:MessageID': `urn:uuid:${ids.messageId}`,
        'wsa:RelatesTo': `urn:uuid:${ids.relatesTo}`,
        'wsa:To': 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous',
        'wsse:Security': {
          'wsu:Timestamp': {
            '@_wsu:Id': `Timestamp-${ids.messageId}`,
            'wsu:Created': isoSeconds(nowMs),
            'wsu:Expires': isoSeconds(nowMs + 300_000),
          },
        },
      },
      'soap:Body': body,
    },
  };
  return builder.build(doc) as string;
}

/** A SOAP 1.1 fault envelope (sent with HTTP 500). */
export function faultEnvelope(f: {
  faultcode: string;
  faultstring: string;
  faultactor?: string;
  /** Declares `q0` as the WS-Security namespace (for `q0:Security`). */
  securityNs?: boolean;
  detail?: XmlNode;
}): string {
  const fault: XmlNode = {
    faultcode: f.securityNs ? { '#text': f.faultcode, '@_xmlns:q0': WSSE_NS } : f.faultcode,
    faultstring: f.faultstring,
  };
  if (f.faultactor !== undefined) fault.faultactor = f.faultactor;
  if (f.detail !== undefined) fault.detail = f.detail;
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    'soap:Envelope': {
      '@_xmlns:soap': SOAP_NS,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      'soap:Body': { 'soap:Fault': fault },
    },
  };
  return builder.build(doc) as string;
}

export const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8' } as const;

/** A fault that renders itself (HTTP 500, the SOAP norm). */
export class SoapFault extends Error {
  constructor(
    readonly faultcode: string,
    faultstring: string,
    readonly options: { faultactor?: string; securityNs?: boolean; detail?: XmlNode; status?: number } = {},
  ) {
    super(faultstring);
    this.name = new.target.name;
  }
  getResponse(): Response {
    const { status = 500, ...rest } = this.options;
    return new Response(faultEnvelope({ faultcode: this.faultcode, faultstring: this.message, ...rest }), {
      status,
      headers: SOAP_HEADERS,
    });
  }
}

/** `Login Failed` (bad/unknown token) or exactly `Token Expired`: faultcode `q0:Security`. */
export function securityFault(faultstring: 'Login Failed' | 'Token Expired', faultactor: string): SoapFault {
  return new SoapFault('q0:Security', faultstring, { faultactor, securityNs: true });
}

/** The documented throttling fault. */
export function rateLimitedFault(): SoapFault {
  return new SoapFault('soap:Server', 'Rate Limited', { detail: { ErrorCode: '17' } });
}
