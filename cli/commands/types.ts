import type { z } from "zod";
import type { Config } from "../../app/config.server";
import type { OpenDatabase } from "../../db/bootstrap";

export class CliError extends Error {}

export interface Command<S extends z.ZodType = z.ZodType> {
  /** One line for `kura --help`; flags explain themselves with zod's `.describe()` (cli/help.ts). */
  summary?: string;
  flags: S;
  /** Needs the job queue (enqueues or waits on jobs). */
  boss?: boolean;
  /** Flags that take no value (`--failed`); they parse as true. */
  switches?: string[];
  run(flags: z.infer<S>, ctx: { cfg: Config; database: OpenDatabase }): Promise<Record<string, unknown>>;
}

export const defineCommand = <S extends z.ZodType>(c: Command<S>) => c;
