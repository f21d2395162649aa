// Express middleware for what every response owes a health-data app (issue 12 rows 2, 3, 10):
// the client address from a configured number of proxy hops, body limits answered 413 before
// anything parses, and security headers with a per-response CSP nonce for Remix's inline scripts.
import crypto from "node:crypto";
import type { Express, NextFunction, Request, Response } from "express";
import type { Config } from "./config.server";

export const FORM_LIMIT = 64 * 1024;
export const API_LIMIT = 1024 * 1024;
const WEBHOOK_PATH = "/api/v1/webhooks/meta"; // its own limit and contract (Meta's 3 MB pages)

/**
 * Only the proxies we run behind may name the client: with TRUST_PROXY_HOPS=n Express takes the
 * n-th address from the right of X-Forwarded-For, never the client-chosen leftmost one.
 */
export function applyTrustProxy(app: Express, cfg: Pick<Config, "trustProxyHops">) {
  app.set("trust proxy", cfg.trustProxyHops > 0 ? cfg.trustProxyHops : false);
}

export function bodyLimits() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || req.path === WEBHOOK_PATH) return next();
    const limit = req.path.startsWith("/api/") ? API_LIMIT : FORM_LIMIT;
    const length = req.get("Content-Length");
    const refuse = (status: number, text: string) => {
      // The unread body cannot be skipped on a kept-alive connection.
      res.status(status).set({ Connection: "close", "Content-Type": "text/plain; charset=utf-8" }).send(text);
    };
    if (length !== undefined) {
      // Node's parser never delivers more than Content-Length bytes, so the header is the bound.
      if (!/^\d+$/.test(length) || Number(length) > limit) return refuse(413, "Request body too large");
      return next();
    }
    // A body of unknown length (chunked) could be anything: browsers and API clients send a length.
    if (req.get("Transfer-Encoding")) return refuse(411, "Content-Length required");
    next();
  };
}

export function securityHeaders(cfg: Pick<Config, "production">) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Tailwind is a stylesheet; style="" attributes (React inline styles) are allowed, <style> is not.
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (cfg.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
