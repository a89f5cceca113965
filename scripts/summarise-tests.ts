// Adds up the test runs and checks in test-results/ and prints the closing line "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string; fullName: string }[] }[];
}

for (const name of ['vitest.json', 'e2e.json']) {
  const file = `${dir}/${name}`;
  if (!existsSync(file)) {
    failed += 1;
    failures.push(`${name}: the test run produced no report (it crashed or did not start)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numTotalTests === 0) {
    failed += 1;
    failures.push(`${name}: no tests ran`);
  }
  for (const suite of report.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.every((a) => a.status !== 'failed')) {
      failed += 1; // a file that failed to load or whose hooks failed
      failures.push(`${suite.name}: ${suite.message ?? 'failed to run'}`);
    }
    for (const a of suite.assertionResults) if (a.status === 'failed') failures.push(`${suite.name}: ${a.fullName}`);
  }
}
if (existsSync(`${dir}/checks.txt`)) {
  for (const line of readFileSync(`${dir}/checks.txt`, 'utf8').split('\n').filter(Boolean)) {
    if (line.startsWith('pass ')) passed += 1;
    else {
      failed += 1;
      failures.push(line.slice(5));
    }
  }
}
if (failures.length > 0) {
  console.log('\nFailures:');
  for (const f of failures.slice(0, 50)) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
