// Loopback SMTP capture (smtp-server + mailparser) for the local sandbox and the tests: every
// message sent is kept, parsed, in memory. `rejectRecipients` makes chosen addresses bounce (550).
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";

declare global {
  // eslint-disable-next-line no-var
  var __kuraMailCapture: SmtpCapture | undefined;
}

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  at: Date;
}

export interface SmtpCapture {
  url: string;
  port: number;
  mail: CapturedMail[];
  /** Resolves with the first captured mail (already there or to come) that matches. */
  waitFor(match: (m: CapturedMail) => boolean, ms?: number): Promise<CapturedMail>;
  rejectRecipients: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpCapture(opts: { port?: number; max?: number } = {}): Promise<SmtpCapture> {
  const mail: CapturedMail[] = [];
  const waiters = new Set<{ match: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }>();
  const rejectRecipients = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: "capture" }),
    onRcptTo(address, _session, cb) {
      if (rejectRecipients.has(address.address.toLowerCase())) return cb(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((parsed) => {
          const m: CapturedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            at: new Date(),
          };
          mail.push(m);
          if (mail.length > (opts.max ?? 500)) mail.shift();
          for (const w of [...waiters]) if (w.match(m)) (waiters.delete(w), w.resolve(m));
          cb();
        })
        .catch((err) => cb(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = ((server as any).server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mail,
    rejectRecipients,
    waitFor(match, ms = 10_000) {
      const found = mail.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve: (m: CapturedMail) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error("no matching mail arrived"))), ms);
        waiters.add(w);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
