/** Small programs on the loop: {@link dev.pollux.loop.examples.EchoServer}, a line echo server. */
package dev.pollux.loop.examples;
