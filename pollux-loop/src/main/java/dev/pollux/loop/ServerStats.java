package dev.pollux.loop;

/**
 * Counters of one TCP server: connections open now, accepted and refused since start, and bytes
 * read and written. Read racily from any thread: the fields need not be from the same instant.
 */
public record ServerStats(
    long openConnections, long accepted, long refused, long bytesRead, long bytesWritten) {}
