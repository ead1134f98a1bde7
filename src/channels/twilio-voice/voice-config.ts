import type { Language } from '../../domain/types';
import type { SayVoice, VoiceSettings } from './activities-to-twiml';

export interface VoiceConfig {
  /** Twilio's auth token: every webhook's X-Twilio-Signature is checked with it. */
  authToken?: string;
  /** The URL Twilio calls, as Twilio sees it (scheme, host, any path prefix): signatures cover it. */
  publicBaseUrl?: string;
  /** Development only: accept unsigned webhooks when no auth token is configured. */
  insecure: boolean;
  voices: Record<Language, VoiceSettings>;
  /** Number a call is put through to, per library; the library's phone on file when unset. */
  transferNumbers: Record<string, string>;
}

export const DEFAULT_VOICES = { el: 'Google.el-GR-Wavenet-A', hu: 'Google.hu-HU-Wavenet-A' } as const;

/**
 * TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL, VOICE_DEV_INSECURE=1, TWILIO_VOICE_EL / TWILIO_VOICE_HU,
 * TWILIO_SPEECH_MODEL, TWILIO_TRANSFER_NUMBER_<LIBRARY> (e.g. TWILIO_TRANSFER_NUMBER_KALAMARIA).
 */
export function voiceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): VoiceConfig {
  const speechModel = env.TWILIO_SPEECH_MODEL || undefined;
  const transferNumbers: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^TWILIO_TRANSFER_NUMBER_([A-Z0-9_]+)$/.exec(name);
    if (match && value) transferNumbers[match[1]!.toLowerCase()] = value;
  }
  return {
    authToken: env.TWILIO_AUTH_TOKEN || undefined,
    publicBaseUrl: env.PUBLIC_BASE_URL ? env.PUBLIC_BASE_URL.replace(/\/+$/, '') : undefined,
    insecure: env.VOICE_DEV_INSECURE === '1',
    voices: {
      el: { language: 'el-GR', voice: sayVoice(env.TWILIO_VOICE_EL, DEFAULT_VOICES.el), ...(speechModel ? { speechModel } : {}) },
      hu: { language: 'hu-HU', voice: sayVoice(env.TWILIO_VOICE_HU, DEFAULT_VOICES.hu), ...(speechModel ? { speechModel } : {}) },
    },
    transferNumbers,
  };
}

/** Without a token the routes are off, unless a developer explicitly asked for unsigned webhooks. */
export const voiceEnabled = (config: VoiceConfig) => Boolean(config.authToken) || config.insecure;

/** A number as <Dial> wants it: digits with an optional leading +. */
export const dialable = (phone: string) => phone.replace(/[^\d+]/g, '');

/** Any Twilio voice name is passed through: Twilio adds voices faster than the package's type list. */
const sayVoice = (configured: string | undefined, fallback: SayVoice) =>
  (configured || fallback) as SayVoice;
