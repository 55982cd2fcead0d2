/**
 * One-off measurements behind design decisions, each a main class run with the bench class path
 * (see {@code bin/bench-epoll-modes} and {@code pollux-epoll/README.md}): {@link
 * dev.pollux.bench.experiments.WriteToggle} (large responses to slow readers, where write interest
 * comes and goes) and {@link dev.pollux.bench.experiments.ReusePortSpread} ({@code SO_REUSEPORT}
 * against one acceptor). Measurements, not tests: they print figures and assert nothing.
 */
package dev.pollux.bench.experiments;
