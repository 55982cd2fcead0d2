/**
 * The device's hardware: sensors, actuators, providers, the sampler and history. Start at {@link
 * dev.pollux.device.Device}: {@code Device.open(DeviceConfig)}, {@code start()}, then read {@link
 * dev.pollux.device.Snapshot}s from any thread. The module's README lists the sensor ids, units and
 * error reasons.
 */
package dev.pollux.device;
