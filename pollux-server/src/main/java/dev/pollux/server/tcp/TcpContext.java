package dev.pollux.server.tcp;

import dev.pollux.device.Device;
import dev.pollux.server.Auth;
import dev.pollux.server.ServerInfo;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every TCP session shares: the device, the token, the server's facts, the watch fan-out, an
 * executor for blocking work (actuator writes) and the protocol's counters.
 */
record TcpContext(
    Device device,
    Auth auth,
    ServerInfo info,
    WatchHub watches,
    Executor blocking,
    Duration samplingInterval,
    LongAdder watchLinesDropped) {}
