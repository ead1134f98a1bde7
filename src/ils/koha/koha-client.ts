/**
 * HTTP to a Koha REST API (/api/v1, Koha 23.11 LTS and later) with one of its two machine
 * logins: OAuth2 client credentials (system preference RESTOAuth2ClientCredentials; token from
 * POST /api/v1/oauth/token, cached and renewed a minute before it expires) or Basic auth
 * (RESTBasicAuth). Every failure to get an answer is a KohaUnavailableError; an answer, even a
 * 4xx, is returned for the caller to read.
 */
export type KohaAuth =
  | { kind: 'oauth2'; clientId: string; clientSecret: string }
  | { kind: 'basic'; user: string; password: string };

export interface KohaClientOptions {
  baseUrl: string;
  auth: KohaAuth;
  timeoutMs?: number;
  now?: () => number;
}

export interface KohaResponse {
  status: number;
  body: unknown;
}

export class KohaUnavailableError extends Error {
  readonly code = 'KOHA_UNAVAILABLE';
}

/** Renew this long before the token's end, so a request never leaves with a token about to die. */
const RENEW_BEFORE_MS = 60_000;

export class KohaClient {
  private pendingToken: Promise<string> | undefined;
  // ES private fields: a logger or JSON.stringify that meets this client cannot print them.
  readonly #auth: KohaAuth;
  readonly #token: { current?: { value: string; expiresAt: number } } = {};
  private readonly options: Omit<KohaClientOptions, 'auth'>;

  constructor({ auth, ...options }: KohaClientOptions) {
    this.#auth = auth;
    this.options = options;
  }

  async request(method: 'GET' | 'POST' | 'DELETE', path: string, o: { body?: unknown; headers?: Record<string, string> } = {}): Promise<KohaResponse> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: await this.authorization(), ...o.headers };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetch(`${this.base()}/api/v1${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    if (response.status === 401 && this.#auth.kind === 'oauth2') this.#token.current = undefined; // revoked early: the next call asks again
    // swagger paths/*.yaml: 503 "Under maintenance" on every route.
    if (response.status === 503 || response.status >= 500) throw new KohaUnavailableError(`Koha answered ${response.status} to ${method} ${path}`);
    return response;
  }

  private async authorization(): Promise<string> {
    const auth = this.#auth;
    if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    const now = (this.options.now ?? Date.now)();
    const token = this.#token.current;
    if (token && token.expiresAt - RENEW_BEFORE_MS > now) return `Bearer ${token.value}`;
    // Parallel requests share one token request.
    this.pendingToken ??= this.fetchToken(auth).finally(() => { this.pendingToken = undefined; });
    return `Bearer ${await this.pendingToken}`;
  }

  private async fetchToken(auth: Extract<KohaAuth, { kind: 'oauth2' }>): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret });
    const response = await this.fetch(`${this.base()}/api/v1/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(),
    });
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (response.status !== 200 || typeof body?.access_token !== 'string') throw new KohaUnavailableError(`Koha token request answered ${response.status}`);
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.#token.current = { value: body.access_token, expiresAt: (this.options.now ?? Date.now)() + seconds * 1000 };
    return body.access_token;
  }

  private async fetch(url: string, init: RequestInit): Promise<KohaResponse> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (error) {
      // The message names the URL, never the credentials (they travel in headers and the form body).
      throw new KohaUnavailableError(`Koha ${init.method} ${new URL(url).pathname}: ${error instanceof Error ? error.name : 'error'}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new KohaUnavailableError(`Koha ${init.method} ${new URL(url).pathname}: answer cut off`);
    }
    let body: unknown;
    try { body = text ? JSON.parse(text) : undefined; } catch { body = text; }
    return { status: response.status, body };
  }

  private base(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }
}
