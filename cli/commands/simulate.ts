// Sandbox: post a signed inbound webhook for a patient through the running app's real route.
import { z } from "zod";
import { simulateInbound, SimulateError } from "../../app/outbound/simulate.server";
import { CliError, defineCommand } from "./types";

export const simulateInboundCommand = defineCommand({
  flags: z.object({
    patient: z.string({ error: "--patient is required" }).uuid("--patient must be an id (uuid)"),
    text: z.string({ error: "--text is required" }).min(1, "--text is required"),
  }),
  async run(f, { cfg }) {
    const baseUrl = process.env.KURA_URL ?? "http://localhost:3000";
    try {
      const out = await simulateInbound({ baseUrl, appSecret: cfg.meta.appSecret, patientId: f.patient, text: f.text });
      return { wamid: out.wamid, status: out.status };
    } catch (e) {
      if (e instanceof SimulateError) throw new CliError(e.message);
      if (e instanceof TypeError) throw new CliError(`cannot reach the app at ${baseUrl} (set KURA_URL): ${(e as Error).message}`);
      throw e;
    }
  },
});
