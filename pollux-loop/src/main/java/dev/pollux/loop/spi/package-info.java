/**
 * The service-provider interface through which an event loop reaches the operating system.
 *
 * <p><b>Design.</b> A {@link dev.pollux.loop.Transport} is an I/O model. It opens one {@link
 * dev.pollux.loop.spi.Poller} per loop and the sockets the loop drives. The poller is the five
 * operations of a readiness API, after Redis's {@code aeApi*} and nginx's {@code
 * ngx_event_actions_t}: register (with an interest set), change interest, deregister (both on the
 * returned {@link dev.pollux.loop.spi.Registration}), wait, and wake up. Sockets are the
 * transport's own ({@link dev.pollux.loop.spi.ListenSocket}, {@link
 * dev.pollux.loop.spi.StreamSocket}) because a native transport works on raw file descriptors, not
 * on {@code SocketChannel}s; all of them are non-blocking: an operation that would block returns 0
 * (or {@code null}) and the loop waits for readiness. Connections, protocols and the TCP server see
 * only these types, so a new I/O model — the JDK's poll(2) selector, blocking sockets behind
 * emulated readiness, direct epoll through FFM — is a new implementation of this package and
 * nothing else.
 *
 * <p>The blocking models fit behind the same interfaces by emulating readiness, so that the loop
 * thread still runs every handler: a blocking {@code StreamSocket} has a reader thread (platform or
 * virtual) that blocks in {@code read} into a small buffer of its own and then posts "readable" to
 * its poller's queue, and a writer thread that drains a bounded outgoing buffer with blocking
 * writes and posts "writable" when it has room; the socket's non-blocking {@code read} and {@code
 * write} only move bytes between those buffers and the loop (returning 0 when empty or full), and
 * the poller's {@code await} waits on the queue of posted events, which {@code wakeup} also feeds.
 *
 * <p>Readiness is level-triggered: a socket stays ready while there is something to read or room to
 * write. Errors and hang-ups are reported as readable and writable (for the interests set), so that
 * the loop's own read or write finds the error. Everything here except {@link
 * dev.pollux.loop.spi.Poller#wakeup()} is called on the loop's thread only.
 */
package dev.pollux.loop.spi;
