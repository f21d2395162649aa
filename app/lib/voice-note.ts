// One wording for a voice note's state, on every page that shows one (monitoring feed, chat):
// "Voice note · audio not downloaded yet · transcription pending". Built from the stored
// transcription state, never from a page's own guess.
import type { Strings } from "../i18n";

export interface VoiceNoteFacts {
  content: string | null;
  mediaUrl: string | null;
  transcriptionState: string | null;
  transcriptionError?: string | null;
}

/** The transcription part alone ("transcription pending", "transcription failed: …"). */
export function transcriptionState(m: VoiceNoteFacts, t: Strings): string {
  switch (m.transcriptionState) {
    case "done":
    case "completed":
    case "transcribed":
      return m.content ? t.voiceNoteTranscribed : t.voiceNoteNoSpeech;
    case "failed":
      return `${t.voiceNoteFailed}${m.transcriptionError ? `: ${m.transcriptionError}` : ""}`;
    case "no_provider":
    case "unavailable":
    case "not_configured":
    case "skipped":
    case "disabled":
      return t.voiceNoteNoService;
    default:
      // pending, queued or not started yet; a transcript that is already there is transcribed.
      return m.content ? t.voiceNoteTranscribed : t.voiceNotePending;
  }
}

/** "Voice note · audio not downloaded yet · transcription pending" */
export function voiceNoteState(m: VoiceNoteFacts, t: Strings): string {
  return [t.voiceNote, m.mediaUrl ? null : t.voiceNoteAudioMissing, transcriptionState(m, t)].filter(Boolean).join(" · ");
}
