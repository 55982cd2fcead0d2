/** Implementation of the event loop, its timers, connections and the NIO transport. */
package dev.pollux.loop.internal;
