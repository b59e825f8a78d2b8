import type { FastifyReply, FastifyRequest } from 'fastify';

// The console's Content-Security-Policy: everything from this server only. The Vite build has no inline script
// (the context is a JSON data block, which CSP does not execute), the favicon is a data: URL, and the API calls
// and the event stream go to this origin.
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// The headers every console response carries.
const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * A route hook that puts the console's security headers on the response; set on the raw response so that routes
 * which write their own head (the event stream) carry them too.
 */
export function addConsoleSecurityHeaders(_request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) reply.raw.setHeader(name, value);
  done();
}
