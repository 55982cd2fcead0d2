/**
 * The epoll transport's implementation: FFM bindings of libc, one class per native area ({@link
 * dev.pollux.epoll.internal.SocketCalls}, {@link dev.pollux.epoll.internal.IoCalls}, {@link
 * dev.pollux.epoll.internal.EpollCalls}, over {@link dev.pollux.epoll.internal.Native}), the
 * structs they take ({@link dev.pollux.epoll.internal.EpollEvent}, {@link
 * dev.pollux.epoll.internal.SockAddr}), and the SPI's poller and sockets on raw descriptors. Not an
 * API.
 */
package dev.pollux.epoll.internal;
