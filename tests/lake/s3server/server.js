// Local S3-compatible server for the lake integration tests: @20minutes/s3rver with SigV4
// signature checking on (account S3RVER / S3RVER), bound to 127.0.0.1 on a free port.
// Usage: node --openssl-legacy-provider server.js <data-dir> <bucket>...
// (s3rver encrypts ListObjectsV2 continuation tokens with DES, in OpenSSL 3's legacy provider.)
// Prints "listening <port>" once ready, then "request <METHOD> <url>" for every request.
// Stops when its standard input closes (the test process ended) or on SIGTERM.
'use strict';

const S3rver = require('@20minutes/s3rver');

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
  vhostBuckets: false,
  allowMismatchedSignatures: false,
  configureBuckets: buckets.map((name) => ({ name })),
});

function stop() {
  server.close().finally(() => process.exit(0));
}

server.run().then(({ port }) => {
  server.httpServer.prependListener('request', (req) => {
    process.stdout.write(`request ${req.method} ${req.url}\n`);
  });
  process.stdout.write(`listening ${port}\n`);
});
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
