// Listings for operators: the ids every other command asks for (--org, --clinician, --patient).
import { z } from "zod";
import { getOrganization } from "../../app/models/organization.server";
import { listClinicians, listOrganizations, listPatientsBrief } from "../../app/models/directory.server";
import { CliError, defineCommand } from "./types";

const org = z.string({ error: "--org is required" }).uuid("--org must be an id (uuid)").describe("organization id (see org:list)");

async function requireOrg(id: string) {
  if (!(await getOrganization(id))) throw new CliError(`unknown organization ${id}`);
}

export const orgList = defineCommand({
  summary: "List organizations with their ids, WhatsApp phone_number_ids and head counts",
  flags: z.object({}),
  async run() {
    const rows = await listOrganizations();
    return {
      organizations: rows.map((o) => ({ id: o.id, name: o.name, timezone: o.timezone, phone_number_ids: o.phoneNumberIds, clinicians: o.clinicians, patients: o.patients })),
    };
  },
});

export const clinicianList = defineCommand({
  summary: "List an organization's clinicians (id, email, name, role)",
  flags: z.object({ org }),
  async run(f) {
    await requireOrg(f.org);
    return { clinicians: await listClinicians(f.org) };
  },
});

export const patientList = defineCommand({
  summary: "List an organization's patients (id, name, phone)",
  flags: z.object({ org }),
  async run(f) {
    await requireOrg(f.org);
    return { patients: await listPatientsBrief(f.org) };
  },
});
