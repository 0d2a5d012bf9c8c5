/**
 * An allowed-host entry is a host name (`2040.hautsdefrance.fr`: any port) or a host with a port
 * (`127.0.0.1:8080`: that port only), as `--source` adds `URL.host` to the list.
 */
export function isHostAllowed(url: URL, allowedHosts: ReadonlySet<string>): boolean {
  for (const entry of allowedHosts) {
    const e = entry.toLowerCase();
    if (e === url.host || e === url.hostname) return true;
  }
  return false;
}
