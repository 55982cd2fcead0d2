/**
 * The native epoll transport of {@code pollux-loop}: {@link dev.pollux.epoll.EpollTransport}. The
 * bindings, sockets and poller live in {@code dev.pollux.epoll.internal}.
 */
package dev.pollux.epoll;
