/**
 * The naive reference for the intake bench, over HTTP: a bare Fastify server whose POST /cases
 * writes one row into cases per request, in a transaction of its own (no auth, locate, routing,
 * deadlines, duplicates, history or rollups). Started by intake.bench.ts on DATABASE_URL or
 * DATA_DIR's PGlite, on PORT.
 */
import { join } from 'node:path';
import Fastify from 'fastify';
import { openDatabase } from '../packages/server/src/db/database.ts';

const database = await openDatabase(
  process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL }
    : { dataDir: join(process.env.DATA_DIR ?? '.data', 'pglite') },
);
let n = 0;
const app = Fastify();
app.get('/healthz', async () => ({ ok: true }));
app.post('/api/v1/cases', async (request, reply) => {
  const body = request.body as { kind: string; category: string; description: string };
  const id = await database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('cases')
      .values({
        city_code: '120000000000',
        district_code: '120101000000',
        number: `naive-${process.pid}-${n++}`,
        kind: body.kind as 'request',
        category_code: body.category,
        attributes: '{}',
        title: body.description.slice(0, 40),
        description: body.description,
        channel: 'field',
        status: 'reported',
        level: 'community',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  return reply.code(201).send({ id });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => database.close().then(() => process.exit(0)));
});
