import { describe, expect, it } from "vitest";
import { STRINGS } from "../i18n";
import { voiceNoteState } from "./voice-note";

const en = STRINGS.en;

describe("one wording for a voice note's state", () => {
  it("says what is missing: the audio, the transcript, or why", () => {
    expect(voiceNoteState({ content: null, mediaUrl: null, transcriptionState: null }, en)).toBe("Voice note · audio not downloaded yet · transcription pending");
    expect(voiceNoteState({ content: null, mediaUrl: "/media/x", transcriptionState: "no_provider" }, en)).toBe(
      "Voice note · not transcribed: no transcription service configured",
    );
    expect(voiceNoteState({ content: null, mediaUrl: "/media/x", transcriptionState: "failed", transcriptionError: "timeout" }, en)).toBe(
      "Voice note · transcription failed: timeout",
    );
    expect(voiceNoteState({ content: "hola", mediaUrl: "/media/x", transcriptionState: "done" }, en)).toBe("Voice note · transcribed");
    expect(voiceNoteState({ content: null, mediaUrl: "/media/x", transcriptionState: "done" }, en)).toBe("Voice note · transcribed: no speech detected");
  });

  it("in Spanish too", () => {
    expect(voiceNoteState({ content: null, mediaUrl: null, transcriptionState: "pending" }, STRINGS.es)).toBe("Nota de voz · audio aún no descargado · transcripción pendiente");
  });
});
