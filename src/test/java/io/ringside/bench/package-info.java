/**
 * The performance benchmark of issue "measure routing latency and AMI throughput": not a
 * test suite (no class here ends in {@code Tests}), run on purpose with
 * {@code ./mvnw -B verify -Pbenchmark}. See {@link io.ringside.bench.Benchmark}.
 */
package io.ringside.bench;
