package confab.host.cli;

import confab.host.Durability;
import confab.host.HostConfig;
import confab.host.HostEngine;
import confab.host.HostListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `confab-host`: a host without a window, for a machine that stays on.
///
/// The first line on standard output is `listening <address>:<port>` (scripts and benchmarks
/// read it), then one `join <address>:<port>` line per address friends can use. Logs go to
/// standard error. SIGTERM or Ctrl-C stops it cleanly: rooms store what they hold and the
/// database is closed.
@Command(
        name = "confab-host",
        mixinStandardHelpOptions = true,
        versionProvider = HostCommand.Version.class,
        description = "Hosts Confab rooms without a window. Stop it with Ctrl-C or SIGTERM.")
public final class HostCommand implements Callable<Integer> {
    @Option(
            names = "--bind",
            defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    @Option(
            names = "--port",
            defaultValue = "" + HostConfig.DEFAULT_PORT,
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            description = "Folder of the host database (default: the per-user data folder).")
    Path dataDir;

    @Option(
            names = "--idle-timeout",
            defaultValue = "15m",
            converter = DurationConverter.class,
            description =
                    "A room with no message for this long goes idle (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(
            names = "--max-connections",
            defaultValue = "1000",
            description = "Connections in total (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--max-per-address",
            defaultValue = "64",
            description = "Connections from one IP address (default: ${DEFAULT-VALUE}).")
    int maxPerAddress;

    @Option(
            names = "--rate",
            defaultValue = "200",
            description = "Requests per second per connection (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--burst",
            defaultValue = "400",
            description = "Request burst per connection (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(
            names = "--fsync",
            description =
                    "Sync every commit to disk (slower; survives power loss, not just crashes).")
    boolean fsync;

    @Option(
            names = "--retention",
            defaultValue = "0",
            description = "Messages kept per new room; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int retention;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HostCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : DataDirs.userDataDir();
        HostConfig config;
        try {
            config = configure(dir);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("confab-host: " + e.getMessage());
            return 2;
        }
        HostEngine engine;
        try {
            engine = HostEngine.start(config, new HostListener() {});
        } catch (java.io.IOException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "confab-host: cannot listen on "
                                    + bind
                                    + ":"
                                    + port
                                    + ": "
                                    + e.getMessage());
            return 2;
        } catch (confab.host.store.HostStoreException e) {
            spec.commandLine().getErr().println("confab-host: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    engine.close();
                                    stopped.countDown();
                                },
                                "confab-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening " + listeningOn(engine));
        for (String address : engine.joinAddresses()) {
            out.println("join " + address);
        }
        out.flush();
        stopped.await();
        return 0;
    }

    private HostConfig configure(Path dir) {
        return HostConfig.builder(dir)
                .bind(bind, port)
                .idleTimeout(idleTimeout)
                .maxConnections(maxConnections, maxPerAddress)
                .rateLimit(rate, burst)
                .durability(fsync ? Durability.FULL : Durability.NORMAL)
                .retention(retention)
                .build();
    }

    private String listeningOn(HostEngine engine) {
        java.net.InetAddress address = engine.address().getAddress();
        // a wildcard bind shows as the address the user gave, not as the dual-stack "::"
        String host = address.isAnyLocalAddress() ? bind : address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + engine.port();
    }

    /// Reads `90s`, `15m`, `2h`, `1d` or an ISO-8601 duration such as `PT15M`.
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.length() < 2) {
                throw new CommandLine.TypeConversionException("not a duration: " + value);
            }
            long amount;
            try {
                amount = Long.parseLong(v.substring(0, v.length() - 1));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("not a duration: " + value);
            }
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default ->
                        throw new CommandLine.TypeConversionException(
                                "not a duration (use 90s, 15m, 2h or 1d): " + value);
            };
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties props = new java.util.Properties();
            try (var in = HostCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            return new String[] {"confab-host " + props.getProperty("version", "unknown")};
        }
    }
}
