/** Implementation of the device layer: providers, file reading, the sampler and history. */
package dev.pollux.device.internal;
