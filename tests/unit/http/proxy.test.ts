import { normalizeAddress, parseTrustedProxies, resolveClient } from "~/lib/http/proxy.server";

const none = parseTrustedProxies(undefined);
const office = parseTrustedProxies("10.0.0.0/8, 127.0.0.1 ::1");

function client(socketAddress: string, forwardedFor?: string, forwardedProto?: string, trusted = office) {
  return resolveClient(
    { socketAddress, encrypted: false, forwardedFor, forwardedProto, host: "redline.example", forwardedHost: undefined },
    trusted,
  );
}

describe("normalizeAddress", () => {
  it.each([
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["192.0.2.7:51234", "192.0.2.7"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    [" 2001:db8::2 ", "2001:db8::2"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each(["unknown", "", "evil.test", "999.1.1.1", "1.2.3.4, 5.6.7.8"])("refuses %j", (raw) => {
    expect(normalizeAddress(raw)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("matches addresses and CIDR ranges of both families", () => {
    const list = parseTrustedProxies("10.0.0.0/8,192.0.2.1 2001:db8::/32");
    expect(list.size).toBe(3);
    expect(["10.200.1.1", "192.0.2.1", "2001:db8:abcd::9"].map(list.has)).toEqual([true, true, true]);
    expect(["11.0.0.1", "192.0.2.2", "2001:db9::1"].map(list.has)).toEqual([false, false, false]);
  });

  it.each(["10.0.0.0/33", "proxy.internal", "10.0.0.1/8/2", "::1/129"])("refuses %j, naming it", (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(entry);
  });

  it("trusts nobody when unset", () => {
    expect(none.size).toBe(0);
    expect(none.has("127.0.0.1")).toBe(false);
  });
});

describe("resolveClient", () => {
  it("ignores forwarded headers from a peer that is not a trusted proxy", () => {
    expect(client("203.0.113.5", "1.2.3.4", "https")).toMatchObject({ ip: "203.0.113.5", protocol: "http", viaTrustedProxy: false });
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    // A client wrote "6.6.6.6" itself; our proxies 10.0.0.2 and 10.0.0.3 appended the rest.
    expect(client("10.0.0.3", "6.6.6.6, 198.51.100.20, 10.0.0.2").ip).toBe("198.51.100.20");
    expect(client("::ffff:127.0.0.1", "198.51.100.21").ip).toBe("198.51.100.21");
  });

  it("keeps the proxy's own address when it forwards nothing, and gives up on garbage", () => {
    expect(client("10.0.0.3").ip).toBe("10.0.0.3");
    expect(client("10.0.0.3", "not-an-ip").ip).toBeNull();
  });

  it("believes X-Forwarded-Proto and -Host only from a trusted proxy", () => {
    expect(client("10.0.0.3", "198.51.100.20", "https").protocol).toBe("https");
    expect(client("203.0.113.5", undefined, "https", none).protocol).toBe("http");
    const forwarded = { socketAddress: "10.0.0.3", encrypted: false, forwardedFor: undefined, forwardedProto: undefined, host: "app:3000", forwardedHost: "redline.example" };
    expect(resolveClient(forwarded, office).host).toBe("redline.example");
    expect(resolveClient(forwarded, none).host).toBe("app:3000");
  });
});
