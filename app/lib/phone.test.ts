import { describe, expect, it } from "vitest";
import { normalizePhone, PhoneError, samePhone } from "./phone";

describe("normalizePhone", () => {
  it("reads the common written forms as one E.164", () => {
    expect(normalizePhone("+34 600 12 34 56")).toBe("+34600123456");
    expect(normalizePhone("0034 600-123-456")).toBe("+34600123456");
    expect(normalizePhone("600 123 456", "ES")).toBe("+34600123456");
    expect(normalizePhone("34600123456")).toBe("+34600123456");
  });

  it("finds a Mexican patient typed without the legacy 1 when WhatsApp writes 521…", () => {
    expect(normalizePhone("5215512345678")).toBe(normalizePhone("+52 55 1234 5678"));
    expect(samePhone("+52 1 55 1234 5678", "525512345678")).toBe(true);
  });

  it("finds an Argentine mobile typed without the 9 when WhatsApp writes 549…", () => {
    expect(normalizePhone("5491123456789")).toBe(normalizePhone("+54 11 2345-6789"));
  });

  it("finds a Brazilian mobile whose WhatsApp id lacks the ninth digit", () => {
    expect(normalizePhone("551187654321")).toBe(normalizePhone("+55 11 98765-4321"));
    // a São Paulo landline keeps its 8 digits
    expect(normalizePhone("+55 11 3456-7890")).toBe("+551134567890");
  });

  it("refuses what is not a phone number with a clear reason", () => {
    expect(() => normalizePhone("hello")).toThrow(PhoneError);
    expect(() => normalizePhone("612345")).toThrow(/country code/);
  });
});
