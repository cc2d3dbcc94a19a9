/** Anything that looks like a credential is replaced before text leaves main-process memory. */
const PATTERNS: RegExp[] = [
  // Authorization headers and "Bearer …" anywhere.
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  // JWTs: three base64url parts, the first a JSON header ("eyJ").
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // JSON or query fields whose name says secret.
  /("?(?:access_?token|refresh_?token|fullAccessToken|mfaToken|password|token|secret)"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
];

export function redact(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match: string, prefix: string | undefined) =>
      prefix && typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}
