/**
 * Socket test support: a raw blocking client with deadlines and the descriptor/thread leak check.
 */
package dev.pollux.testing.net;
