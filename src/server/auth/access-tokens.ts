import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an access token says: which session, agent and device, until when. */
export interface AccessClaims {
  sessionId: string;
  agentId: string;
  deviceId: string;
  expiresAt: Date;
}

/** Tokens of another format (or a future one) are simply not ours. */
const PREFIX = 'v1';

interface Payload {
  sid: string;
  agt: string;
  dev: string;
  /** Expiry, in milliseconds since 1970 (the endpoint's clock). */
  exp: number;
}

function signature(secret: Buffer, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest();
}

/**
 * `v1.<payload>.<signature>`, both base64url: the payload is JSON, the
 * signature HMAC-SHA256 of `v1.<payload>` with the endpoint's secret. Short
 * and self-contained, so a device can send it on every call; the endpoint
 * still checks that its session and device are live.
 */
export function signAccessToken(claims: AccessClaims, secret: Buffer): string {
  const payload: Payload = {
    sid: claims.sessionId,
    agt: claims.agentId,
    dev: claims.deviceId,
    exp: claims.expiresAt.getTime(),
  };
  const signed = `${PREFIX}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signed}.${signature(secret, signed).toString('base64url')}`;
}

/**
 * The claims of a token signed with `secret`, expired or not (the caller
 * tells an expired token from a forged one); undefined when the token is not
 * one of ours. The signature is compared in constant time and checked before
 * the payload is even parsed.
 */
export function readAccessToken(token: string, secret: Buffer): AccessClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  const [, payloadPart = '', signaturePart = ''] = parts;
  const expected = signature(secret, `${PREFIX}.${payloadPart}`);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    return undefined;
  }
  const { sid, agt, dev, exp } = payload;
  if (typeof sid !== 'string' || typeof agt !== 'string' || typeof dev !== 'string' || typeof exp !== 'number') {
    return undefined;
  }
  return { sessionId: sid, agentId: agt, deviceId: dev, expiresAt: new Date(exp) };
}
