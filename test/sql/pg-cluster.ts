/**
 * Throwaway PostgreSQL clusters for the database tests: `initdb` in a temporary folder (as the
 * postgres user when running as root, since initdb refuses root), a server on a free port of
 * 127.0.0.1 with its socket in that folder, password logins over TCP (so the tests exercise real
 * credentials), and a stop that always runs — on `stop()`, and on process exit if a test failed
 * before it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The server binaries' folder, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** A running cluster. */
export interface PgCluster {
  port: number;
  /** The superuser's password (logins over TCP need it). */
  password: string;
  /** A URL for `database` without the password: `postgres://postgres@127.0.0.1:PORT/DB`. */
  url(database?: string): string;
  /** Runs SQL through psql as the superuser over the socket (no password); returns its stdout. */
  psql(sql: string, database?: string): string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const running = new Set<PgCluster>();
process.once('exit', () => {
  for (const cluster of running) cluster.stop();
});

/** Starts a cluster (see the module comment). */
export async function startCluster(bin: string, password = 'pg-test-secret-7Q'): Promise<PgCluster> {
  const root = mkdtempSync(join(tmpdir(), 'fairaudit-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (command: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]) as [string, string[]];
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    const [uid, gid] = [id('-u'), id('-g')];
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const data = join(root, 'data');
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, password + '\n');
  if (asRoot) execFileSync('chown', ['postgres', pwfile]);
  execFileSync(...as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--locale=C']), { stdio: 'ignore' });
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c fsync=off -c listen_addresses=127.0.0.1 -c max_connections=20 -c shared_buffers=32MB`;
  execFileSync(...as(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start']), { stdio: 'ignore' });
  const cluster: PgCluster = {
    port,
    password,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    psql(sql, database = 'postgres') {
      const [command, args] = as(join(bin, 'psql'), ['-h', root, '-p', String(port), '-U', 'postgres', '-d', database, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At']);
      const result = spawnSync(command, args, { input: sql, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
      return result.stdout;
    },
    stop() {
      if (!running.has(cluster)) return;
      running.delete(cluster);
      spawnSync(...as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    },
  };
  running.add(cluster);
  return cluster;
}
