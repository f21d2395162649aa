// The clinical-record PDF: pdfkit (pure JavaScript, no browser), its built-in Helvetica.
// Header (clinic, patient initials and name, range, who generated it and when), alerts with
// level, state, verdict and note, daily analyses, then the conversation day by day with
// direction and time. Page footer: patient, range, page n of m.
import PDFDocument from "pdfkit";
import type { Locale, Strings } from "../i18n";
import type { ClinicalRecord } from "./record.server";

const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";
const LEVEL_COLOR: Record<string, string> = { HIGH: "#b91c1c", MEDIUM: "#b45309", LOW: "#0369a1", NONE: "#475569" };

// The standard PDF fonts cover WinAnsi (Latin-1 and a few more: enough for Spanish and
// English). A few common signs are spelled out; anything else (emoji, other scripts) is shown
// as "?"; the JSON export is exact.
const WIN_ANSI_EXTRA = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]);
const SPELLED: Record<string, string> = { "→": "->", "←": "<-", "−": "-", "≥": ">=", "≤": "<=", "✓": "v", "\u00a0": " ", "\u202f": " " };
export const pdfSafe = (s: string) =>
  [...s.normalize("NFC")]
    .map((ch) => SPELLED[ch] ?? (ch === "\n" || ch === "\t" || (ch >= " " && ch.codePointAt(0)! <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : "?"))
    .join("");

export async function renderRecordPdf(record: ClinicalRecord, t: Strings, locale: Locale): Promise<Buffer> {
  const tz = record.range.timezone;
  const tag = locale === "es" ? "es-ES" : "en-GB";
  const dayLong = (d: string) => new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));
  const dayShort = (d: string) => new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));
  const dateTime = (iso: string) => new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: tz }).format(new Date(iso));
  const time = (iso: string) => new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", timeZone: tz }).format(new Date(iso));
  const num = (n: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(n);
  const level = (l: string) => (t as Record<string, string>)[`risk${l}`] ?? l;
  const verdict = (v: string | null) => (v ? ((t as Record<string, string>)[`verdict_${v}`] ?? v) : t.exportNoVerdict);

  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: {
      Title: pdfSafe(`${t.exportTitle} — ${record.patient.initials} ${record.patient.name}`),
      Author: pdfSafe(record.organization.name),
      Creator: "Kura Connect",
      CreationDate: new Date(record.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(s), opts);
  const rule = () => {
    doc.moveDown(0.4);
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.moveDown(0.6);
  };
  /** Start a block on a new page when fewer than `h` points are left. */
  const keep = (h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const heading = (s: string) => {
    keep(60);
    doc.moveDown(0.8);
    doc.font("Helvetica-Bold").fontSize(13).fillColor(INK);
    text(s, { width });
    rule();
  };

  // Header.
  doc.font("Helvetica").fontSize(9).fillColor(MUTED);
  text(t.exportTitle.toUpperCase(), { characterSpacing: 1 });
  doc.font("Helvetica-Bold").fontSize(18).fillColor(INK);
  text(record.organization.name);
  doc.moveDown(0.5);
  doc.font("Helvetica-Bold").fontSize(14).fillColor(INK);
  text(`${record.patient.initials}  ${record.patient.name}`);
  doc.font("Helvetica").fontSize(10).fillColor(INK);
  const facts: Array<[string, string]> = [
    [t.exportPhone, record.patient.phone ?? "—"],
    [t.exportRange, `${dayShort(record.range.from)} – ${dayShort(record.range.to)} (${tz})`],
    [t.exportGeneratedBy, record.generatedBy],
    [t.exportGeneratedAt, dateTime(record.generatedAt)],
    [t.exportContents, t.exportContentsValue.replace("{messages}", String(record.messages.length)).replace("{alerts}", String(record.alerts.length)).replace("{analyses}", String(record.analyses.length))],
  ];
  doc.moveDown(0.3);
  for (const [k, v] of facts) {
    doc.font("Helvetica-Bold").fillColor(MUTED);
    text(`${k}: `, { continued: true });
    doc.font("Helvetica").fillColor(INK);
    text(v);
  }
  if (record.truncated) {
    doc.moveDown(0.3).fillColor(LEVEL_COLOR.HIGH!);
    text(t.exportTruncated, { width });
  }
  doc.moveDown(0.3).font("Helvetica-Oblique").fontSize(8).fillColor(MUTED);
  text(t.exportConfidential, { width });
  rule();

  // Alerts.
  heading(`${t.exportAlerts} (${record.alerts.length})`);
  if (!record.alerts.length) {
    doc.font("Helvetica").fontSize(10).fillColor(MUTED);
    text(t.exportNoAlerts);
  }
  for (const a of record.alerts) {
    keep(70);
    doc.font("Helvetica-Bold").fontSize(10.5).fillColor(LEVEL_COLOR[a.level] ?? INK);
    text(`${level(a.level).toUpperCase()}`, { continued: true });
    doc.font("Helvetica").fillColor(INK);
    text(`  ·  ${dateTime(a.at)}  ·  ${a.source}${a.flags.length ? `  ·  ${a.flags.join(", ")}` : ""}`);
    doc.fontSize(9.5);
    // Details as an indented block (pdfkit wraps continued text at doc.x).
    doc.x = left + 12;
    const inner = width - 12;
    if (a.reason) text(a.reason, { width: inner });
    const state =
      a.state === "open"
        ? t.exportAlertOpen
        : t.exportAlertAcknowledged.replace("{by}", a.acknowledgedBy ?? "—").replace("{at}", a.acknowledgedAt ? dateTime(a.acknowledgedAt) : "—");
    doc.font("Helvetica-Bold").fillColor(MUTED);
    text(`${t.exportState}: `, { continued: true });
    doc.font("Helvetica").fillColor(INK);
    text(state);
    doc.font("Helvetica-Bold").fillColor(MUTED);
    text(`${t.exportVerdict}: `, { continued: true });
    doc.font("Helvetica").fillColor(INK);
    text(verdict(a.verdict));
    if (a.note) {
      doc.font("Helvetica-Bold").fillColor(MUTED);
      text(`${t.exportNote}: `, { continued: true, width: inner });
      doc.font("Helvetica").fillColor(INK);
      text(a.note, { width: inner });
    }
    doc.x = left;
    doc.moveDown(0.6);
  }

  // Daily analyses.
  heading(`${t.exportAnalyses} (${record.analyses.length})`);
  if (!record.analyses.length) {
    doc.font("Helvetica").fontSize(10).fillColor(MUTED);
    text(t.exportNoAnalyses);
  }
  for (const d of record.analyses) {
    keep(80);
    doc.font("Helvetica-Bold").fontSize(10.5).fillColor(INK);
    text(dayLong(d.day), { continued: true });
    doc.font("Helvetica").fillColor(LEVEL_COLOR[d.riskLevel] ?? INK);
    text(`  ·  ${level(d.riskLevel)}`, { continued: true });
    doc.fillColor(MUTED);
    text(`  ·  ${t.sentiment} ${num(d.sentimentScore)}  ·  ${d.emotionalState}  ·  ${t.exportMessagesCount.replace("{n}", String(d.messageCount))}`);
    doc.fontSize(9.5).fillColor(INK);
    text(d.summary, { width });
    doc.font("Helvetica-Oblique").fillColor(MUTED);
    text(`${t.suggestion}: ${d.suggestion}`, { width });
    if (d.riskFlags.length) text(`${t.exportFlags}: ${d.riskFlags.join(", ")}`, { width });
    doc.moveDown(0.6);
  }

  // The conversation, day by day.
  heading(`${t.exportConversation} (${record.messages.length})`);
  if (!record.messages.length) {
    doc.font("Helvetica").fontSize(10).fillColor(MUTED);
    text(t.exportNoMessages);
  }
  let lastDay = "";
  const timeCol = 40;
  const whoCol = 110;
  for (const m of record.messages) {
    if (m.day !== lastDay) {
      keep(50);
      doc.moveDown(0.5);
      doc.font("Helvetica-Bold").fontSize(10.5).fillColor(INK);
      text(dayLong(m.day));
      doc.moveDown(0.2);
      lastDay = m.day;
    }
    const body = m.content ?? `[${m.type}]${m.type === "audio" ? ` ${t.exportNotTranscribed}` : ""}`;
    doc.font("Helvetica").fontSize(9.5);
    const bodyWidth = width - timeCol - whoCol;
    const h = doc.heightOfString(pdfSafe(body), { width: bodyWidth });
    keep(Math.min(h, 200) + 6);
    const y = doc.y;
    doc.fillColor(MUTED);
    doc.text(time(m.at), left, y, { width: timeCol });
    const risky = m.direction === "inbound" && (m.riskLevel === "HIGH" || m.riskLevel === "MEDIUM");
    doc.font("Helvetica-Bold").fillColor(m.direction === "inbound" ? INK : "#047857");
    const who = m.direction === "inbound" ? t.exportFromPatient : `${t.exportFromClinic}${m.sentBy ? ` (${m.sentBy})` : ""}`;
    doc.text(pdfSafe(who), left + timeCol, y, { width: whoCol - 6 });
    const whoBottom = doc.y;
    doc.font("Helvetica").fillColor(INK);
    doc.text(pdfSafe(body), left + timeCol + whoCol, y, { width: bodyWidth });
    const extras = [m.template ? `${t.template}: ${m.template}` : null, m.direction === "outbound" && m.status === "failed" ? t.exportSendFailed : null, risky ? `${t.exportRisk}: ${level(m.riskLevel!)}` : null].filter(Boolean);
    if (extras.length) {
      doc.font("Helvetica-Oblique").fontSize(8.5).fillColor(risky ? LEVEL_COLOR[m.riskLevel!]! : MUTED);
      doc.text(pdfSafe(extras.join("  ·  ")), left + timeCol + whoCol, doc.y, { width: bodyWidth });
    }
    doc.x = left;
    doc.y = Math.max(doc.y, whoBottom) + 4;
  }

  // Footer on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor(MUTED);
    const footer = `${record.organization.name} · ${record.patient.initials} ${record.patient.name} · ${record.range.from} – ${record.range.to}`;
    doc.text(pdfSafe(footer), left, doc.page.height - 40, { width: width - 80, lineBreak: false });
    doc.text(t.exportPage.replace("{n}", String(i - range.start + 1)).replace("{total}", String(range.count)), left + width - 80, doc.page.height - 40, { width: 80, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
