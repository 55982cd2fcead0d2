/**
 * Pollux's measurement module, never shipped: the contestants of the side-by-side load harness
 * ({@code bin/bench}) started by {@link dev.pollux.bench.BenchServer}, the TCP load client {@link
 * dev.pollux.bench.load.LineLoad}, and the JMH micro-benchmarks in {@code dev.pollux.bench.jmh}.
 * See {@code docs/benchmarks.md}.
 */
package dev.pollux.bench;
