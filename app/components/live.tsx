// Live updates on open pages: one EventSource to /events; relevant events revalidate the
// page's loaders (debounced, so a burst of 50 messages is one reload of data).
import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";
import { STRINGS } from "../i18n";

export type LiveKind = "message" | "status" | "alert" | "analysis" | "lead" | "webhook";

export interface LiveEvent {
  org_id: string;
  kind: LiveKind;
  patient_id?: string | null;
  lead_id?: string | null;
  message_id?: string | null;
}

/** Which events matter to this page: a predicate, or ids/kinds to match (all given must match). */
export type LiveFilter = ((event: LiveEvent) => boolean) | { patientId?: string; leadId?: string; kinds?: LiveKind[] };

function matches(filter: LiveFilter | undefined, event: LiveEvent) {
  if (!filter) return true;
  if (typeof filter === "function") return filter(event);
  if (filter.kinds && !filter.kinds.includes(event.kind)) return false;
  if (filter.patientId && event.patient_id !== filter.patientId) return false;
  if (filter.leadId && event.lead_id !== filter.leadId) return false;
  return true;
}

/**
 * Revalidates the current route's loaders when a matching live event arrives.
 * `useLiveRevalidation()` reacts to every event of the organization;
 * `useLiveRevalidation({ patientId })` only to that patient's.
 * Reconnects by itself (and revalidates once after a reconnect to catch what was missed).
 */
export function useLiveRevalidation(filter?: LiveFilter, opts: { debounceMs?: number } = {}) {
  const revalidator = useRevalidator();
  const revalidateRef = useRef(revalidator.revalidate);
  revalidateRef.current = revalidator.revalidate;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const debounceMs = opts.debounceMs ?? 250;
  const background = useRef(false);

  // The marked revalidation is over: later requests are the person's again.
  useEffect(() => {
    if (revalidator.state === "idle" && background.current) {
      background.current = false;
      document.cookie = "kura_bg=; path=/; max-age=0; samesite=strict";
    }
  }, [revalidator.state]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let hadError = false;
    let stopped = false;

    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Marks the revalidation's requests as background: they must not keep an unattended
        // page signed in (session.server.ts isBackgroundRequest). Short-lived by design.
        document.cookie = "kura_bg=1; path=/; max-age=10; samesite=strict";
        background.current = true;
        revalidateRef.current();
      }, debounceMs);
    };
    const onEvent = (e: MessageEvent) => {
      try {
        const event = JSON.parse(e.data) as LiveEvent;
        if (matches(filterRef.current, event)) schedule();
      } catch {}
    };
    const connect = () => {
      if (stopped) return;
      source = new EventSource("/events");
      for (const kind of ["message", "status", "alert", "analysis", "lead", "webhook"]) source.addEventListener(kind, onEvent as EventListener);
      source.addEventListener("notice", showAlertNotice as EventListener);
      source.addEventListener("ready", () => {
        // Marks the page as listening (tests wait on it instead of a fixed delay).
        document.documentElement.dataset.live = "ready";
        backoff = 1000;
        if (hadError) schedule();
        hadError = false;
      });
      source.onerror = () => {
        hadError = true;
        // The browser retries by itself unless the stream was refused (closed); then we do.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, backoff);
          backoff = Math.min(backoff * 2, 30_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(retry);
      source?.close();
    };
  }, [debounceMs]);
}

/**
 * A HIGH alert notice for this clinician (issue 16): a browser notification while a Kura tab is
 * open, if they allowed it. The event carries ids only; the words are generic, and a click
 * opens the patient's monitoring page. One notification per alert however many tabs are open.
 */
function showAlertNotice(e: MessageEvent) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    const event = JSON.parse(e.data) as { alert_id?: string; patient_id?: string | null };
    const lang = document.documentElement.lang === "en" ? "en" : "es";
    const n = new Notification(STRINGS[lang].browserNoticeTitle, { body: STRINGS[lang].browserNoticeBody, tag: `kura-alert-${event.alert_id}`, requireInteraction: true });
    n.onclick = () => {
      window.focus();
      window.location.assign(event.patient_id ? `/patients/${event.patient_id}/monitoring` : "/leads");
    };
  } catch {}
}
