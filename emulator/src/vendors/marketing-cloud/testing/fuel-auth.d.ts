/** Minimal types for fuel-auth 3.3 (it ships none), covering what the conformance test uses. */
declare module 'fuel-auth' {
  interface FuelAuthOptions {
    clientId: string;
    clientSecret?: string;
    authUrl: string;
    authOptions?: {
      authVersion: 2;
      accountId?: string | number;
      scope?: string;
      applicationType?: 'server' | 'web' | 'public';
      redirectURI?: string;
      authorizationCode?: string;
    };
  }
  interface FuelAuthResponse {
    accessToken: string | null;
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
    scope?: string;
    rest_instance_url?: string;
    soap_instance_url?: string;
    error?: string;
    error_description?: string;
  }
  export default class FuelAuth {
    constructor(options: FuelAuthOptions);
    refreshToken?: string;
    getAccessToken(options?: { force?: boolean }): Promise<FuelAuthResponse>;
  }
}
