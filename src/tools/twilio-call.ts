import { randomBytes } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import twilio from 'twilio';

/** One TwiML element: its name, attributes, own text and child elements. */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false });

/** Parses a TwiML document (refusing anything that is not well-formed XML) into its <Response>. */
export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed TwiML: ${valid.err.msg} (line ${valid.err.line})\n${xml}`);
  const root = (parser.parse(xml) as Ordered[]).map(toNode).find((n) => n?.name === 'Response');
  if (!root) throw new Error(`TwiML without <Response>:\n${xml}`);
  return root;
}

function toNode(entry: Ordered): TwimlNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return undefined;
  const content = (entry[name] ?? []) as Ordered[];
  const text = content.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
  return { name, attrs: entry[':@'] ?? {}, text, children: content.map(toNode).filter((n): n is TwimlNode => n !== undefined) };
}

/** Every element called `name` under `node`, document order. */
export function findAll(node: TwimlNode, name: string): TwimlNode[] {
  return node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}

export interface CallOptions {
  /** Where the server listens. */
  serverUrl: string;
  /** The base URL the server checks signatures against (PUBLIC_BASE_URL); the server URL when unset. */
  publicBaseUrl?: string;
  library: string;
  /** Signs every request like Twilio; unset = unsigned requests (VOICE_DEV_INSECURE servers only). */
  authToken?: string;
  from?: string;
  to?: string;
  callSid?: string;
}

export interface Answer { speech?: string; digits?: string }

/**
 * A phone call as Twilio makes it: the first webhook, then each <Gather>'s action with the
 * caller's speech or keys, every request signed with X-Twilio-Signature, <Redirect>s followed.
 * Used by the phone simulator and by the webhook tests.
 */
export class TwilioCall {
  readonly callSid: string;
  /** The last TwiML answered. */
  response?: TwimlNode;
  /** The last request, so a test can send it again as Twilio's retry would. */
  lastRequest?: { url: string; params: Record<string, string> };

  constructor(private readonly options: CallOptions) {
    this.callSid = options.callSid ?? `CA${randomBytes(16).toString('hex')}`;
  }

  get publicBase(): string {
    return (this.options.publicBaseUrl ?? this.options.serverUrl).replace(/\/+$/, '');
  }

  async start(): Promise<TwimlNode> {
    return this.request(`${this.publicBase}/api/voice/${this.options.library}`, {});
  }

  /** What the caller says or keys in at the current <Gather>. */
  async answer(answer: Answer): Promise<TwimlNode> {
    const gather = this.gather;
    if (!gather) throw new Error('the call is not waiting for an answer');
    const params: Record<string, string> = {};
    const inputs = (gather.attrs.input ?? 'dtmf').split(/\s+/);
    if (answer.digits !== undefined && answer.digits !== '') {
      if (!inputs.includes('dtmf')) throw new Error('this question does not take keys');
      const numDigits = Number(gather.attrs.numDigits ?? '0');
      params.Digits = numDigits > 0 ? answer.digits.slice(0, numDigits) : answer.digits;
    } else if (answer.speech !== undefined && answer.speech.trim() !== '') {
      if (!inputs.includes('speech')) throw new Error('this question takes keys only');
      params.SpeechResult = answer.speech;
      params.Confidence = '0.9';
    }
    return this.request(gather.attrs.action ?? '', params);
  }

  /** The caller says nothing until the <Gather> times out. */
  async silence(): Promise<TwimlNode> {
    return this.answer({});
  }

  /** The same request again (a Twilio retry); returns the raw status and body. */
  async repeat(): Promise<{ status: number; body: string }> {
    if (!this.lastRequest) throw new Error('nothing sent yet');
    return this.post(this.lastRequest.url, this.lastRequest.params);
  }

  get gather(): TwimlNode | undefined {
    return this.response ? findAll(this.response, 'Gather')[0] : undefined;
  }

  /** Everything the caller hears in the last response, one <Say> per line. */
  get heard(): string {
    return this.response ? findAll(this.response, 'Say').map((s) => s.text).join('\n') : '';
  }

  get hungUp(): boolean {
    return this.response ? findAll(this.response, 'Hangup').length > 0 : false;
  }

  get dialled(): string | undefined {
    return this.response ? findAll(this.response, 'Dial')[0]?.text.trim() : undefined;
  }

  /** Twilio's form fields for this call. */
  fields(extra: Record<string, string>): Record<string, string> {
    return {
      AccountSid: 'AC00000000000000000000000000000000', ApiVersion: '2010-04-01', CallSid: this.callSid,
      CallStatus: 'in-progress', Direction: 'inbound', From: this.options.from ?? '+306900000001', To: this.options.to ?? '+302310000100',
      ...extra,
    };
  }

  /** A signed POST as Twilio sends it; `signature` overrides the computed one (forgery tests). */
  async post(url: string, extra: Record<string, string>, signature?: string | null): Promise<{ status: number; body: string }> {
    const params = this.fields(extra);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const computed = this.options.authToken ? twilio.getExpectedTwilioSignature(this.options.authToken, url, params) : undefined;
    const sent = signature === null ? undefined : signature ?? computed;
    if (sent) headers['x-twilio-signature'] = sent;
    // The server may sit behind a proxy: sign the public URL, send to the server's own address.
    const target = this.options.serverUrl.replace(/\/+$/, '') + url.slice(this.publicBase.length);
    const response = await fetch(target, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    return { status: response.status, body: await response.text() };
  }

  private async request(url: string, extra: Record<string, string>): Promise<TwimlNode> {
    this.lastRequest = { url, params: extra };
    for (let hops = 0; hops < 20; hops++) {
      const { status, body } = await this.post(url, extra);
      if (status !== 200) throw new Error(`HTTP ${status}: ${body}`);
      this.response = parseTwiml(body);
      const redirect = this.response.children.find((c) => c.name === 'Redirect');
      if (!redirect) return this.response;
      url = redirect.text.trim();
    }
    throw new Error('too many redirects');
  }
}
