/**
 * Who is the client, and did it use https? The socket says who connected; only a proxy the operator
 * listed in REDLINE_TRUSTED_PROXIES may say more (X-Forwarded-For, X-Forwarded-Proto), because any
 * client can write those headers. docs/decisions/0009-limits.md, "Client address".
 */
import { BlockList, isIP } from "node:net";

export interface TrustedProxies {
  /** True when `address` (as normalised by normalizeAddress) is one of the operator's proxies. */
  has(address: string): boolean;
  readonly size: number;
}

/**
 * A bare IP address from a socket or a forwarded-for entry: IPv4-mapped IPv6 becomes IPv4, brackets
 * and ports are dropped. Null for anything that is not an address (a client may write anything).
 */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * REDLINE_TRUSTED_PROXIES: addresses and CIDR ranges separated by commas or spaces
 * ("127.0.0.1, 10.0.0.0/8, ::1"). Throws naming the first entry that is neither.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  let size = 0;
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const ip = normalizeAddress(address);
    const family = ip && isIP(ip) === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === "ipv6" ? 128 : 32;
    if (!ip || extra !== undefined || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits)))
      throw new Error(`REDLINE_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.0/8)`);
    if (bits === null) list.addAddress(ip, family);
    else list.addSubnet(ip, bits, family);
    size += 1;
  }
  return {
    size,
    has: (address) => size > 0 && list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4"),
  };
}

function headerValues(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value.join(",") : (value ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
}

export interface ClientInfo {
  /** The client's address, or null when it cannot be known (then no per-address limit applies). */
  ip: string | null;
  /** The scheme the client used: https when the socket is TLS or a trusted proxy says so. */
  protocol: "http" | "https";
  /** The host the client asked for: X-Forwarded-Host from a trusted proxy, else the Host header. */
  host: string | null;
  /** The socket peer is one of the trusted proxies (its forwarding headers count). */
  viaTrustedProxy: boolean;
}

/**
 * Walk X-Forwarded-For from the right while the hop that wrote it is a trusted proxy: the first
 * address that is not a trusted proxy is the client (entries further left were written by the client
 * itself and prove nothing). X-Forwarded-Proto and -Host count only when the socket peer is trusted;
 * their first value is what the outermost proxy received.
 */
export function resolveClient(
  input: {
    socketAddress: string | undefined;
    encrypted: boolean;
    forwardedFor: string | string[] | undefined;
    forwardedProto: string | string[] | undefined;
    host: string | undefined;
    forwardedHost: string | string[] | undefined;
  },
  trusted: TrustedProxies,
): ClientInfo {
  const peer = input.socketAddress ? normalizeAddress(input.socketAddress) : null;
  const peerTrusted = peer !== null && trusted.has(peer);
  let ip = peer;
  if (peerTrusted) {
    const hops = headerValues(input.forwardedFor);
    for (let i = hops.length - 1; i >= 0 && ip !== null && trusted.has(ip); i--) ip = normalizeAddress(hops[i]);
  }
  const proto = peerTrusted ? headerValues(input.forwardedProto)[0]?.toLowerCase() : undefined;
  const forwardedHost = peerTrusted ? headerValues(input.forwardedHost)[0] : undefined;
  return {
    ip,
    protocol: input.encrypted || proto === "https" ? "https" : "http",
    host: forwardedHost ?? input.host ?? null,
    viaTrustedProxy: peerTrusted,
  };
}
