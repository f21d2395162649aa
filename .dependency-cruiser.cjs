// The layer rules of docs/design.md, checked on every `npm test` (npm run check:imports):
// routes → app/*.server.ts → db/; jobs/ are thin workers over app/; cli/ and server.ts are
// entry points; product code never imports test equipment; no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "an import cycle", from: {}, to: { circular: true } },
    { name: "db-is-the-floor", severity: "error", comment: "db/ (schema, migrations, client, embedded Postgres) imports nothing of the app", from: { path: "^db/" }, to: { path: "^(app|jobs|cli|doubles|test|e2e|bench)/" } },
    { name: "app-not-to-jobs", severity: "error", comment: "app/ enqueues through app/queue.server.ts; workers live in jobs/", from: { path: "^app/" }, to: { path: "^(jobs|cli)/" } },
    { name: "jobs-not-to-entry-points", severity: "error", from: { path: "^jobs/" }, to: { path: "^(cli|server\\.ts)" } },
    { name: "product-not-to-test-equipment", severity: "error", comment: "doubles/, test/, e2e/ and bench/ are test equipment", from: { path: "^(app|db|jobs|cli|server\\.ts)" }, to: { path: "^(doubles|test|e2e|bench)/" } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|build|public)/|\\.test\\.tsx?$" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
  },
};
