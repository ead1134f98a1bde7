import type { Next, Request, Response } from 'restify';

/**
 * No route takes a file. restify's body parser hands multipart bodies to formidable 1.x, which
 * reads them past the server's body limit and writes every file part to the temp directory:
 * refused with 415 before any byte is parsed (docs/reliability.md, dependency audit).
 */
export function noUploads(req: Request, res: Response, next: Next): void {
  if (/^\s*multipart\//i.test(req.header('content-type') ?? '')) {
    res.send(415, { error: 'multipart bodies are not accepted' });
    next(false);
    return;
  }
  next();
}
