// The SMTP capture double for tests. It lives in app/sandbox/ because the local sandbox
// (npm start without SMTP_URL) runs the same capture; product code never imports doubles/.
export { startSmtpCapture, type CapturedMail, type SmtpCapture } from "../app/sandbox/mail-capture";
