// Writes docs/examples/thu-tuc-mau.xlsx from docs/examples/thu-tuc-mau.csv (the same rows),
// so the two example files of `motcua import procedures` never drift apart.
// Run: npx tsx scripts/import-example-xlsx.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleXlsx } from '../src/modules/procedures/import-example.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/examples');
const csv = readFileSync(path.join(dir, 'thu-tuc-mau.csv'), 'utf8');
writeFileSync(path.join(dir, 'thu-tuc-mau.xlsx'), exampleXlsx(csv));
console.log('Đã ghi docs/examples/thu-tuc-mau.xlsx');
