import { rawSql } from "../../db/client";
import { boss } from "../queue.server";

export async function loader() {
  try {
    await rawSql()`SELECT 1`;
    await boss().getQueue("risk-screen");
    return Response.json({ database: "ok", jobs: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
