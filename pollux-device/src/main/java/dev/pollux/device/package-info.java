/** The device's hardware: sensors, actuators, providers, the sampler and history. */
package dev.pollux.device;
