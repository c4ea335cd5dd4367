/**
 * Child-process entry of the S3 emulator (started by s3rver.ts with --openssl-legacy-provider,
 * which s3rver 3.7 needs on Node 17+). Reports its port over IPC and exits when told to, on
 * SIGTERM/SIGINT, or when its parent goes away.
 */
import S3rver from 's3rver';

interface Options {
  port: number;
  directory: string;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as Options;
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    // Path-style only: clients use forcePathStyle, and bucket names stay out of DNS.
    vhostBuckets: false,
  });
  const { port } = (await server.run()) as { port: number };
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.send?.({ port });
}

main().catch((error: unknown) => {
  process.stderr.write(`s3rver failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
