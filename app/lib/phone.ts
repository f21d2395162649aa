// One canonical E.164 per person, so a patient typed one way is found when WhatsApp writes
// the other. libphonenumber-js parses and validates; the three country quirks below are
// WhatsApp's, not the numbering plan's, so no library knows them.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export class PhoneError extends Error {}

function canonicalDigits(e164Digits: string): string {
  // Mexico: WhatsApp still writes mobiles with the legacy "1" after 52 (521 + 10 digits);
  // the numbering plan dropped it in 2019.
  if (/^521\d{10}$/.test(e164Digits)) return `52${e164Digits.slice(3)}`;
  // Argentina: mobiles are +54 9 + area + number; clinics often type them without the 9.
  if (/^54\d{10}$/.test(e164Digits) && !e164Digits.startsWith("549")) return `549${e164Digits.slice(2)}`;
  // Brazil: mobiles gained a ninth digit (9) in 2012-2016; older WhatsApp accounts still
  // report the 8-digit form. Mobile subscriber numbers start with 6-9, landlines with 2-5.
  const br = /^55(\d{2})([6-9]\d{7})$/.exec(e164Digits);
  if (br) return `55${br[1]}9${br[2]}`;
  return e164Digits;
}

/**
 * Any common written form ("+34 600 12 34 56", "0034 600…", "(55) 1234-5678" with a default
 * country, a bare wa_id "5215512345678") → canonical E.164 "+…".
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): string {
  const trimmed = input.trim();
  if (!/\d/.test(trimmed)) throw new PhoneError(`not a phone number: no digits`);
  const candidate = trimmed.replace(/^00/, "+");
  const digitsOnly = candidate.replace(/[\s().-]/g, "");
  // A bare digit string may be national ("600123456" in the clinic's country) or a wa_id
  // ("5215512345678"): try both readings and keep the first valid one.
  const readings: Array<[string, CountryCode | undefined]> = [[candidate, defaultCountry]];
  if (/^\d{8,15}$/.test(digitsOnly)) readings.push([`+${digitsOnly}`, undefined]);
  let possible: string | null = null;
  for (const [text, country] of readings) {
    const parsed = parsePhoneNumberFromString(text, country);
    if (!parsed) continue;
    const digits = canonicalDigits(`${parsed.countryCallingCode}${parsed.nationalNumber}`);
    // Validate the canonical form (the quirk fixes make e.g. Argentine mobiles valid again).
    const canonical = parsePhoneNumberFromString(`+${digits}`);
    if (canonical?.isValid()) return `+${digits}`;
    if (canonical?.isPossible()) possible ??= `+${digits}`;
  }
  if (possible) return possible;
  if (!candidate.startsWith("+") && !defaultCountry && !/^\d{8,15}$/.test(digitsOnly)) {
    throw new PhoneError(`not a phone number: write it with its country code (+CC…)`);
  }
  throw new PhoneError(`not a phone number: wrong length or unknown country code`);
}

export function tryNormalizePhone(input: string | null | undefined, defaultCountry?: CountryCode): string | null {
  if (!input) return null;
  try {
    return normalizePhone(input, defaultCountry);
  } catch {
    return null;
  }
}

export function samePhone(a: string, b: string): boolean {
  const x = tryNormalizePhone(a);
  return x !== null && x === tryNormalizePhone(b);
}

export function countryOf(phone: string | null | undefined): CountryCode | undefined {
  if (!phone) return undefined;
  return parsePhoneNumberFromString(phone.startsWith("+") ? phone : `+${phone}`)?.country;
}

/** Meta's `to` field: international digits without "+". */
export function toWhatsAppRecipient(e164: string): string {
  return e164.replace(/^\+/, "");
}
