/** Event loops, transports, connections, timers and the TCP server of Pollux. */
package dev.pollux.loop;
