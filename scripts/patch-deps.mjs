// postinstall: guards postgres.js 3.4.x against writing to a closed socket.
// Upstream bug porsager/postgres#1154 / #1208 (fix PRs #1168, #1209 not released as of 3.4.9):
// a small write is deferred with setImmediate; if the connection closes first, the deferred
// write dereferences a null socket and throws from the timer, which no try/catch can reach —
// the whole server dies when Postgres restarts. The patch makes nextWrite drop the buffered
// write and fail the in-flight query with CONNECTION_CLOSED, and makes teardown reset the
// timer. Idempotent; a warning (not a failure) when a future version no longer matches.
import fs from "node:fs";
import path from "node:path";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "node_modules", "postgres");
const MARK = "kura-patch: null socket";
const files = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"].map((f) => path.join(root, f));

const before = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const after = `  function nextWrite(fn) {
    if (!socket) { // ${MARK}
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      ;(query || initial || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;

let patched = 0;
for (const file of files) {
  if (!fs.existsSync(file)) continue;
  let text = fs.readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  if (!text.includes(before)) {
    console.warn(`patch-deps: ${path.relative(root, file)} changed upstream; check porsager/postgres#1154 is fixed`);
    continue;
  }
  text = text.replace(before, after).replaceAll("    clearImmediate(nextWriteTimer)\n", "    clearImmediate(nextWriteTimer)\n    nextWriteTimer = null\n");
  fs.writeFileSync(file, text);
  patched++;
}
if (patched) console.log(`patch-deps: guarded postgres.js nextWrite in ${patched} file(s)`);
