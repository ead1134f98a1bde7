import type { Next, Request, Response } from 'restify';

/**
 * No client of ours compresses what it sends (browsers, Twilio, Bot Framework's connector), and
 * restify's body parser counts its limit in *compressed* bytes before inflating without one: a
 * 64 KB gzip body becomes gigabytes. Refused with 415 before a byte is read or inflated.
 */
export function noCompressedBodies(req: Request, res: Response, next: Next): void {
  const encoding = (req.header('content-encoding') ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    res.setHeader('accept-encoding', 'identity');
    res.send(415, { error: 'compressed request bodies are not accepted' });
    next(false);
    return;
  }
  // restify's reader knows only "none" and gzip; identity is none.
  if (encoding) delete req.headers['content-encoding'];
  next();
}
