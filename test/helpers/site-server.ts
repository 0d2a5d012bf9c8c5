/**
 * A static HTTP server for tests, on 127.0.0.1 and a free port, with per-path fault injection.
 *
 *   const site = await startSiteServer({ root: "test/fixtures/site" });
 *   site.url("/download/accord-cadres-signes/")   // "http://127.0.0.1:<port>/download/accord-cadres-signes/"
 *   site.host                                      // "127.0.0.1:<port>", for allowedHosts
 *   site.fault("/wp-content/uploads/download-manager-files/A.pdf", { kind: "status", status: 500, times: 1 });
 *   site.requests("/wp-content/uploads/download-manager-files/A.pdf")   // requests received so far
 *   site.log                                       // every request: method, path (with query), headers
 *   site.reset();                                  // forgets faults, counts and log (e.g. in afterEach)
 *   await site.close();                            // also cuts stalled responses
 *
 * Serving: files under `root`; a folder serves its index.html (a path without the final slash is
 * redirected to it); anything else is a 404 HTML page. Every file has a strong ETag (SHA-1 of the
 * bytes) and a Last-Modified (`lastModified` option, else the file's mtime); If-None-Match (first)
 * or If-Modified-Since answer 304.
 * WordPress Download Manager links `<any path>?wpdmdl=<id>&ind=<n>&filename=<name>` serve
 * `wp-content/uploads/download-manager-files/<name>` (without `filename`: the n-th file of that
 * folder by name) with `Content-Disposition: attachment; filename=…; filename*=UTF-8''…`; without
 * `ind` nor `filename` they serve the package as a (fake) zip.
 *
 * Faults: `fault(path, f)` where path is a pathname, or a pathname with its query string to
 * target a single link (matched first). `times: n` applies the fault to the next n requests of
 * that path only, then the file is served normally; without it the fault stays until `reset()`.
 * Faults that damage a body (stall, truncate, reset, content-type) apply to files served with
 * 200: a conditional request for an unchanged file still gets its 304. Kinds:
 *   status        answer `status` (HTML body), with `Retry-After: retryAfter` if given
 *   slow          wait `ms` before answering
 *   stall         send the headers and `afterBytes` of the body (default 1024), then nothing more
 *   truncate      announce the full Content-Length, send `fraction` of the body (default 0.5), close
 *   reset         send `afterBytes` (default 1024) without Content-Length, then a TCP reset
 *   content-type  serve the file with this Content-Type
 *   redirect      `status` (default 302) to `location` (absolute, e.g. another host, or relative)
 *   redirect-loop 302 to the same URL (`distinct: true`: to `?loop=n+1`, never the same URL twice)
 *   oversized     200 with a `%PDF-` body of `bytes` bytes, streamed; Content-Length when `announce`
 *   body          200 with this body and Content-Type (default application/pdf), e.g. HTML or empty
 *   handler       your own (req, res) handler
 */
import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";

export type Fault = { times?: number } & (
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "slow"; ms: number }
  | { kind: "stall"; afterBytes?: number }
  | { kind: "truncate"; fraction?: number }
  | { kind: "reset"; afterBytes?: number }
  | { kind: "content-type"; type: string }
  | { kind: "redirect"; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  | { kind: "redirect-loop"; distinct?: boolean }
  | { kind: "oversized"; bytes: number; announce?: boolean }
  | { kind: "body"; body: string | Uint8Array; contentType?: string }
  | { kind: "handler"; handle: (req: IncomingMessage, res: ServerResponse) => void }
);

export interface SiteServerOptions {
  /** Folder to serve. */
  root: string;
  /** Last-Modified of every file instead of its mtime. */
  lastModified?: Date;
}

export interface SiteServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>` */
  host: string;
  port: number;
  url(pathAndQuery?: string): string;
  fault(path: string, fault: Fault): void;
  /** Forgets the faults, the request counts and the log. */
  reset(): void;
  /** Requests received for a pathname (all queries), or for a pathname with its query. */
  requests(path: string): number;
  log: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".pdf": "application/pdf",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};
const WPDM_FOLDER = "/wp-content/uploads/download-manager-files/";
const NOT_FOUND =
  '<!DOCTYPE html><html lang="fr-FR"><head><title>Page non trouvée</title></head><body></body></html>\n';

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const root = path.resolve(options.root);
  const faults = new Map<string, { fault: Fault; left: number }>();
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const log: SiteServer["log"] = [];

  function takeFault(pathname: string, full: string): Fault | null {
    for (const key of [full, pathname]) {
      const slot = faults.get(key);
      if (!slot || slot.left <= 0) continue;
      slot.left--;
      return slot.fault;
    }
    return null;
  }

  async function fileFor(pathname: string, query: URLSearchParams): Promise<{ file: string; disposition?: string }> {
    if (!query.has("wpdmdl")) return { file: path.join(root, decodeURIComponent(pathname)) }; // may throw: 500
    let name = query.get("filename");
    if (!name && query.has("ind")) {
      const files = (await readdir(path.join(root, WPDM_FOLDER)).catch(() => [] as string[])).sort();
      name = files[Number(query.get("ind"))] ?? null;
    }
    if (!name || /[/\\]/.test(name)) return { file: path.join(root, "__no_such_file__") };
    const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "");
    return {
      file: path.join(root, WPDM_FOLDER, name),
      disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    };
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, url: URL, fault: Fault | null): Promise<void> {
    if (url.searchParams.has("wpdmdl") && !url.searchParams.has("ind") && !url.searchParams.has("filename")) {
      res.writeHead(200, { "Content-Type": "application/zip" });
      res.end(Buffer.from("PK\x03\x04fake package zip"));
      return;
    }
    let { file, disposition } = await fileFor(url.pathname, url.searchParams);
    if (!path.resolve(file).startsWith(root + path.sep)) {
      res.writeHead(400).end();
      return;
    }
    let info: Stats | null = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}`, "Content-Length": 0 }).end();
        return;
      }
      file = path.join(file, "index.html");
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" }).end(NOT_FOUND);
      return;
    }
    const body = await readFile(file);
    const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
    const lastModified = new Date(Math.floor((options.lastModified ?? info.mtime).getTime() / 1000) * 1000);
    const headers: http.OutgoingHttpHeaders = {
      "Content-Type":
        fault?.kind === "content-type" ? fault.type : (TYPES[path.extname(file)] ?? "application/octet-stream"),
      ETag: etag,
      "Last-Modified": lastModified.toUTCString(),
      "Cache-Control": "no-cache",
    };
    if (disposition) headers["Content-Disposition"] = disposition;
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    const notModified =
      inm !== undefined
        ? inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*")
        : ims !== undefined && lastModified.getTime() <= new Date(ims).getTime();
    if (notModified) {
      res.writeHead(304, { ETag: etag, "Last-Modified": headers["Last-Modified"] }).end();
      return;
    }
    if (fault?.kind === "stall") {
      res.writeHead(200, { ...headers, "Content-Length": body.length });
      res.write(body.subarray(0, fault.afterBytes ?? 1024));
      return; // never ends: the client's body timeout or close() cuts it
    }
    if (fault?.kind === "truncate") {
      res.writeHead(200, { ...headers, "Content-Length": body.length });
      res.write(body.subarray(0, Math.floor(body.length * (fault.fraction ?? 0.5))), () => res.socket?.end());
      return;
    }
    if (fault?.kind === "reset") {
      res.writeHead(200, headers);
      res.write(body.subarray(0, fault.afterBytes ?? 1024), () => res.socket?.resetAndDestroy());
      return;
    }
    res.writeHead(200, { ...headers, "Content-Length": body.length }).end(req.method === "HEAD" ? undefined : body);
  }

  function serveOversized(res: ServerResponse, bytes: number, announce: boolean): void {
    res.writeHead(200, { "Content-Type": "application/pdf", ...(announce ? { "Content-Length": bytes } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    chunk.write("%PDF-1.7\n");
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !res.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const full = url.pathname + url.search;
    log.push({ method: req.method ?? "GET", path: full, headers: req.headers });
    for (const key of new Set([url.pathname, full])) counts.set(key, (counts.get(key) ?? 0) + 1);
    const fault = takeFault(url.pathname, full);
    if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.ms));
    switch (fault?.kind) {
      case "status": {
        const headers: http.OutgoingHttpHeaders = { "Content-Type": "text/html; charset=utf-8" };
        if (fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
        res.writeHead(fault.status, headers).end(`<html><body><h1>${fault.status}</h1></body></html>\n`);
        return;
      }
      case "redirect":
        res.writeHead(fault.status ?? 302, { Location: fault.location, "Content-Length": 0 }).end();
        return;
      case "redirect-loop": {
        const next = new URL(full, "http://x");
        if (fault.distinct) next.searchParams.set("loop", String(Number(next.searchParams.get("loop") ?? 0) + 1));
        res.writeHead(302, { Location: next.pathname + next.search, "Content-Length": 0 }).end();
        return;
      }
      case "oversized":
        return serveOversized(res, fault.bytes, fault.announce ?? false);
      case "body": {
        const body = typeof fault.body === "string" ? Buffer.from(fault.body) : fault.body;
        res.writeHead(200, { "Content-Type": fault.contentType ?? "application/pdf", "Content-Length": body.length });
        res.end(body);
        return;
      }
      case "handler":
        return fault.handle(req, res);
      default:
        return serveFile(req, res, url, fault);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(e));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    host: `127.0.0.1:${port}`,
    port,
    url: (p = "/") => new URL(p, origin).href,
    fault: (p, fault) => {
      faults.set(p, { fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    reset: () => {
      faults.clear();
      counts.clear();
      log.length = 0;
    },
    requests: (p) => counts.get(p) ?? 0,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
