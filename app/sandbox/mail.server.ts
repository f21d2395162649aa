// The local sandbox's mail capture as the Remix build sees it (set by startSandbox on
// globalThis); undefined when the sandbox is off. Type-only import: no SMTP server in the build.
import type { SmtpCapture } from "./mail-capture";

export const sandboxMail = (): SmtpCapture | undefined => globalThis.__kuraMailCapture;
