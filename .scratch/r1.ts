import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { backup, restore } from '../src/server/db/backup';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scr-'));
const h = openDb({ engine: 'sqlite', file: path.join(dir, 'a.db') });
await migrateToLatest(h);
process.on('uncaughtException', (e) => { console.log('UNCAUGHT', e.message); });
for (const [name, content] of [['null.json', 'null\n'], ['bad.gz', 'this is not gzip\n'], ['empty.json', ''], ['arr.json','[1,2]\n']] as const) {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  try { await restore(h, f); console.log(name, 'OK?'); } catch (e) { console.log(name, '->', (e as Error).message); }
}
try { await backup(h, path.join(dir, 'nope/x.json')); console.log('backup ok?'); } catch (e) { console.log('backup ->', (e as Error).message); }
await h.close();
