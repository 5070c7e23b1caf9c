// Checks every statement of a Frontline xAPI export (a JSON array, as written
// by `frontline export --format xapi`) with Learning Locker's validator.
// Usage: node validate.js EXPORT.json
// Prints "N statements checked, M with problems" and each problem; exits 1
// when any statement has a problem, 2 when the file holds no statements.
"use strict";
const fs = require("fs");
const validate = require("@learninglocker/xapi-validation").default;

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.js EXPORT.json");
  process.exit(2);
}
const statements = JSON.parse(fs.readFileSync(file, "utf8"));
if (!Array.isArray(statements) || statements.length === 0) {
  console.error(`${file}: no statements`);
  process.exit(2);
}
let bad = 0;
statements.forEach((statement, index) => {
  const warnings = validate(statement);
  if (warnings.length > 0) {
    bad += 1;
    for (const w of warnings) {
      const where = (w.path || []).join(".");
      console.log(`statement ${index} (${statement.id}): ${where}: ${w.constructor.name} ${w.message || ""}`.trim());
    }
  }
});
console.log(`${statements.length} statements checked, ${bad} with problems`);
process.exit(bad === 0 ? 0 : 1);
