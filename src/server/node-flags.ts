// The V8 flags the server runs with: package.json's start script passes them, and the benchmarks
// start the server (bench/server.ts) and run the value run in their own process (bench/value.ts) with
// them too.
// - A young generation of up to 128 MiB a half (16 by default): the value run allocates objects for
//   every customer that die within the range. In a first run of 1,000,000 customers the collector ran
//   ~715 times for 8.2 s with the default, ~220 times for 6.9 s with 64 MiB, ~130 times for 6.2 s with
//   128 MiB (BENCHMARKS.md). The young generation then takes up to 256 MiB of memory instead of 32.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=128'];
