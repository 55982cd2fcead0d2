/** HTTP/1.1 on the Pollux event loop. */
package dev.pollux.http;
