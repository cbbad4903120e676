/** Minimal types for fuel-rest 3.2 and fuel-soap 2.2 (they ship none), covering what the conformance tests use. */
declare module 'fuel-rest' {
  import type FuelAuth from 'fuel-auth';
  import type { FuelAuthOptions } from 'fuel-auth';

  interface FuelRestOptions {
    auth: FuelAuthOptions | FuelAuth;
    origin?: string;
  }
  interface FuelRestRequest {
    uri: string;
    json?: unknown;
    headers?: Record<string, string>;
  }
  interface FuelRestResponse {
    res: { statusCode: number; headers: Record<string, string> };
    body: unknown;
  }
  export default class FuelRest {
    constructor(options: FuelRestOptions);
    AuthClient: FuelAuth;
    get(options: FuelRestRequest): Promise<FuelRestResponse>;
    post(options: FuelRestRequest): Promise<FuelRestResponse>;
  }
}

declare module 'fuel-soap' {
  import type FuelAuth from 'fuel-auth';
  import type { FuelAuthOptions } from 'fuel-auth';

  interface FuelSoapOptions {
    auth: FuelAuthOptions | FuelAuth;
    soapEndpoint?: string;
  }
  interface FuelSoapFilter {
    leftOperand: string | FuelSoapFilter;
    operator: string;
    rightOperand: string | string[] | FuelSoapFilter;
  }
  interface FuelSoapRetrieveOptions {
    queryAllAccounts?: boolean;
    filter?: FuelSoapFilter;
  }
  interface FuelSoapError extends Error {
    faultstring?: string;
    faultCode?: string;
  }
  interface FuelSoapResult {
    body: { OverallStatus: string; RequestID: string; Results: Record<string, unknown>[] };
    res: { statusCode: number };
  }
  export default class FuelSoap {
    constructor(options: FuelSoapOptions);
    AuthClient: FuelAuth;
    retrieve(
      type: string,
      props: string[],
      options: FuelSoapRetrieveOptions,
      callback: (err: FuelSoapError | null, result: FuelSoapResult | null) => void,
    ): void;
  }
}

/** fuel-auth's legacy (v1 `/v1/requestToken`) mode, merged into `./fuel-auth.d.ts`. */
declare module 'fuel-auth' {
  interface FuelAuthOptions {
    /** Legacy: a refresh token (from SSO or a previous call); each use returns a replacement. */
    refreshToken?: string;
  }
  interface FuelAuthResponse {
    expiresIn?: number;
    refreshToken?: string;
  }
}
