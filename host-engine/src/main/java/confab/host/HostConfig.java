package confab.host;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/// Everything a host can be tuned by. Defaults suit a laptop hosting friends; `confab-host`
/// and the benchmarks raise the caps.
///
/// @param bindAddress address to listen on (`0.0.0.0` for every interface)
/// @param port TCP port; 0 picks a free one
/// @param dataDir folder of the SQLite database
/// @param durability `FULL` fsyncs every group commit, `NORMAL` relies on the WAL
/// @param idleTimeout a room with no post for this long goes inactive
/// @param handshakeTimeout a connection must say hello and log in within this
/// @param readTimeout a connection silent for this long is closed (pinged at half of it)
/// @param stallTimeout a member with a full queue and no write progress for this long is evicted
/// @param maxConnections connections in total
/// @param maxConnectionsPerAddress connections from one IP address
/// @param maxPayload largest frame payload accepted or sent
/// @param requestsPerSecond sustained requests per connection (token bucket rate)
/// @param requestBurst burst size of that bucket
/// @param failedLoginLimit failed logins per account and per address within `failedLoginWindow`
/// @param failedLoginWindow window of the failed-login throttle
/// @param memberQueueBytes bound of a member's outbound queue that pauses its room while the
///     member drains
/// @param memberQueueHardBytes a member queued beyond this is evicted at once
/// @param hostQueueBudget bytes queued to all members of all rooms before rooms pause
/// @param retention messages kept per new room (0 keeps all)
/// @param clock time source for every timeout
public record HostConfig(
        String bindAddress,
        int port,
        Path dataDir,
        Durability durability,
        Duration idleTimeout,
        Duration handshakeTimeout,
        Duration readTimeout,
        Duration stallTimeout,
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxPayload,
        double requestsPerSecond,
        int requestBurst,
        int failedLoginLimit,
        Duration failedLoginWindow,
        int memberQueueBytes,
        int memberQueueHardBytes,
        long hostQueueBudget,
        int retention,
        InstantSource clock) {

    /// The port a host listens on unless told otherwise.
    public static final int DEFAULT_PORT = 7331;

    public HostConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        positive(idleTimeout, "idleTimeout");
        positive(handshakeTimeout, "handshakeTimeout");
        positive(readTimeout, "readTimeout");
        positive(stallTimeout, "stallTimeout");
        positive(failedLoginWindow, "failedLoginWindow");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || requestBurst < 1) {
            throw new IllegalArgumentException("connection caps and burst must be positive");
        }
        if (!(requestsPerSecond > 0) || failedLoginLimit < 1 || retention < 0) {
            throw new IllegalArgumentException("rates and limits must be positive");
        }
        if (maxPayload < 1024 || memberQueueBytes < maxPayload) {
            throw new IllegalArgumentException("queue bound must hold at least one frame");
        }
        if (memberQueueHardBytes < memberQueueBytes || hostQueueBudget < memberQueueHardBytes) {
            throw new IllegalArgumentException("queue bounds must grow: member <= hard <= host");
        }
    }

    /// A builder with the defaults, storing in `dataDir`.
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /// A builder that starts from this configuration.
    public Builder toBuilder() {
        Builder b = new Builder(dataDir);
        b.bindAddress = bindAddress;
        b.port = port;
        b.durability = durability;
        b.idleTimeout = idleTimeout;
        b.handshakeTimeout = handshakeTimeout;
        b.readTimeout = readTimeout;
        b.stallTimeout = stallTimeout;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.maxPayload = maxPayload;
        b.requestsPerSecond = requestsPerSecond;
        b.requestBurst = requestBurst;
        b.failedLoginLimit = failedLoginLimit;
        b.failedLoginWindow = failedLoginWindow;
        b.memberQueueBytes = memberQueueBytes;
        b.memberQueueHardBytes = memberQueueHardBytes;
        b.hostQueueBudget = hostQueueBudget;
        b.retention = retention;
        b.clock = clock;
        return b;
    }

    /// Fluent construction; every setter returns the builder.
    public static final class Builder {
        private final Path dataDir;
        private String bindAddress = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private Durability durability = Durability.NORMAL;
        private Duration idleTimeout = Duration.ofMinutes(15);
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(90);
        private Duration stallTimeout = Duration.ofSeconds(5);
        private int maxConnections = 1000;
        private int maxConnectionsPerAddress = 64;
        private int maxPayload = 64 * 1024;
        private double requestsPerSecond = 200;
        private int requestBurst = 400;
        private int failedLoginLimit = 5;
        private Duration failedLoginWindow = Duration.ofMinutes(1);
        private int memberQueueBytes = 1 << 20;
        private int memberQueueHardBytes = 8 << 20;
        private long hostQueueBudget = 256L << 20;
        private int retention = 0;
        private InstantSource clock = InstantSource.system();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder bind(String address, int listenPort) {
            this.bindAddress = address;
            this.port = listenPort;
            return this;
        }

        public Builder durability(Durability value) {
            this.durability = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder stallTimeout(Duration value) {
            this.stallTimeout = value;
            return this;
        }

        public Builder maxConnections(int total, int perAddress) {
            this.maxConnections = total;
            this.maxConnectionsPerAddress = perAddress;
            return this;
        }

        public Builder maxPayload(int bytes) {
            this.maxPayload = bytes;
            return this;
        }

        public Builder rateLimit(double perSecond, int burst) {
            this.requestsPerSecond = perSecond;
            this.requestBurst = burst;
            return this;
        }

        public Builder failedLogins(int limit, Duration window) {
            this.failedLoginLimit = limit;
            this.failedLoginWindow = window;
            return this;
        }

        public Builder queues(int memberBytes, int memberHardBytes, long hostBudget) {
            this.memberQueueBytes = memberBytes;
            this.memberQueueHardBytes = memberHardBytes;
            this.hostQueueBudget = hostBudget;
            return this;
        }

        public Builder retention(int messages) {
            this.retention = messages;
            return this;
        }

        public Builder clock(InstantSource value) {
            this.clock = value;
            return this;
        }

        public HostConfig build() {
            return new HostConfig(
                    bindAddress,
                    port,
                    dataDir,
                    durability,
                    idleTimeout,
                    handshakeTimeout,
                    readTimeout,
                    stallTimeout,
                    maxConnections,
                    maxConnectionsPerAddress,
                    maxPayload,
                    requestsPerSecond,
                    requestBurst,
                    failedLoginLimit,
                    failedLoginWindow,
                    memberQueueBytes,
                    memberQueueHardBytes,
                    hostQueueBudget,
                    retention,
                    clock);
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
