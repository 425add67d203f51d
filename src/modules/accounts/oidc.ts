import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Our callback, e.g. https://lexpact.example.org/api/v1/auth/oidc/callback */
  redirectUri: string;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * Single sign-on through an OpenID Connect provider (authorization code flow with PKCE, state and
 * nonce). Discovery happens on first use; plain HTTP is accepted only for a provider on this machine.
 */
export function createOidc(settings: OidcSettings) {
  let configuration: Promise<client.Configuration> | null = null;
  const config = () => {
    const issuer = new URL(settings.issuer);
    configuration ??= client.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    configuration.catch(() => {
      configuration = null;
    });
    return configuration;
  };

  return {
    /** Where to send the browser, and the secrets to keep until it comes back. */
    async start() {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, pending: { verifier, state, nonce } };
    },
    /** Exchanges the code and returns the verified email address of the person. */
    async finish(callbackUrl: URL, pending: { verifier: string; state: string; nonce: string }) {
      const tokens = await client.authorizationCodeGrant(await config(), callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = tokens.claims();
      const email = typeof claims?.email === 'string' ? claims.email : null;
      if (!email || claims?.email_verified === false) return null;
      return email;
    },
  };
}

export type Oidc = ReturnType<typeof createOidc>;
