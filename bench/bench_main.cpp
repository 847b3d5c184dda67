// Google Benchmark's main, shared by every suite in bench/.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
