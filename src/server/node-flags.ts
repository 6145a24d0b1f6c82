// The V8 flags the server runs with: package.json's start script passes them, and the benchmarks
// start the server (bench/server.ts) and run the value run in their own process (bench/value.ts) with
// them too.
// - A young generation of up to 64 MiB a half (16 by default): the value run allocates objects for
//   every customer that die within the range, and with the default the collector ran ~700 times in a
//   run of 1,000,000 customers, 8.2 s; with 64 MiB ~220 times, 6.9 s (BENCHMARKS.md). The server's
//   memory grows by at most 144 MiB.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
