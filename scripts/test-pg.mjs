// Runs the integration suite on a PostgreSQL server (each test file in its own fresh schema).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
console.log(`Integration tests on PostgreSQL: ${url.replace(/:[^:@/]*@/, ':***@')}`);
const res = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'src/modules', 'src/db', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(res.status ?? 1);
