/**
 * Socket test support: a raw blocking client with deadlines, a raw HTTP/1.1 response reader and the
 * descriptor/thread leak check, also as a JUnit extension.
 */
package dev.pollux.testing.net;
