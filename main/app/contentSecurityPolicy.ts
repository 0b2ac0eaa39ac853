/**
 * The one Content-Security-Policy for the window, sent as a response header by both hosts (the
 * app:// protocol in Electron, the loopback bridge in a browser) and repeated in index.html's meta.
 * No inline scripts, no eval, no remote origins: a renderer XSS must not become code execution.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
