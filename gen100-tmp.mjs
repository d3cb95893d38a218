import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run("SELECT setseed(0.42)");
await c.run(`COPY (SELECT CASE WHEN random()<0.5 THEN 'female' ELSE 'male' END AS sex,
 ['White','Black','Asian','Hispanic','Other'][1+floor(random()*5)::int] AS race,
 ['<25','25-44','45-64','65+'][1+floor(random()*4)::int] AS age_group,
 (random()<0.4)::int AS label, (random()<0.5)::int AS prediction, round(random(),3) AS score
 FROM range(100000000)) TO '/tmp/sqlbench/b100m.parquet' (FORMAT parquet)`);
console.log('ok');
