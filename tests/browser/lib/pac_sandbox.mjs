// Runs a PAC file in a Node vm with the functions browsers give it
// (isPlainHostName, dnsDomainIs, isInNet, shExpMatch, dnsResolve, ...), as
// written in the original Netscape specification. dnsResolve answers from a
// table and counts its calls, so a test can check the file does no lookups.
import vm from 'node:vm';

function ipToNumber(ip) {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function loadPac(source, { dns = {} } = {}) {
  const lookups = [];
  const dnsResolve = (host) => {
    lookups.push(host);
    return dns[host] ?? null;
  };
  const sandbox = {
    // The old definition (a dot test only), so the file must cope with it.
    isPlainHostName: (host) => host.indexOf('.') < 0,
    dnsDomainIs: (host, domain) => host.length >= domain.length && host.endsWith(domain),
    localHostOrDomainIs: (host, hostdom) => host === hostdom || hostdom.startsWith(`${host}.`),
    isResolvable: (host) => dnsResolve(host) !== null,
    dnsResolve,
    myIpAddress: () => '10.20.4.117',
    dnsDomainLevels: (host) => host.split('.').length - 1,
    shExpMatch: (str, pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(str),
    isInNet: (host, pattern, mask) => {
      const ip = ipToNumber(host) !== null ? host : dnsResolve(host);
      if (ip === null) return false;
      const m = ipToNumber(mask);
      return ((ipToNumber(ip) & m) >>> 0) === ((ipToNumber(pattern) & m) >>> 0);
    },
  };
  vm.createContext(sandbox);
  vm.runInContext(source, sandbox, { filename: 'proxy.pac', timeout: 1000 });
  if (typeof sandbox.FindProxyForURL !== 'function') throw new Error('no FindProxyForURL');
  return {
    find: (url) => sandbox.FindProxyForURL(url, new URL(url).hostname),
    findHost: (host) => sandbox.FindProxyForURL(`http://${host}/`, host),
    lookups,
  };
}
