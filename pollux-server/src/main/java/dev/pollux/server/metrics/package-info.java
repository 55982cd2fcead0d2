/**
 * The Prometheus page of {@code GET /metrics}: {@link dev.pollux.server.metrics.Metrics} and the
 * figures it takes from the rest of the server.
 */
package dev.pollux.server.metrics;
