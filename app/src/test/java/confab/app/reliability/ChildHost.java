package confab.app.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The real `confab-host` in a child JVM: started on a given port and data directory, killed
/// with SIGKILL or stopped with SIGTERM, and measured through `/proc`. Its log (standard error)
/// goes to a file next to the data directory.
final class ChildHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildHost.class);

    /// The memory options of the shipped `confab-host` launcher on Linux (packaging's
    /// `BuildInstaller.hostJavaOptions` has the same): G1 on any machine (the JVM would pick the
    /// serial collector on one CPU or under 1792 MB, which gives nothing back while idle); a
    /// collection cycle after 5 s without one, and tight free-heap ratios, so that an idle host
    /// uncommits the heap that a busy spell grew; and glibc's `malloc_trim` every 5 s, which
    /// returns native memory that was freed but that malloc would otherwise keep in its arenas
    /// (after the soak mostly the JIT compiler's work areas: 24 MB at their peak, per NMT).
    static final List<String> LAUNCHER_MEMORY_OPTIONS =
            List.of(
                    "-XX:+UseG1GC",
                    "-XX:G1PeriodicGCInterval=5000",
                    "-XX:MinHeapFreeRatio=5",
                    "-XX:MaxHeapFreeRatio=20",
                    "-XX:TrimNativeHeapInterval=5000");

    /// The resources of the host process, from `/proc/<pid>`.
    record Usage(long rssKiB, int threads, int openFiles) {}

    private final Process process;
    private final Path logFile;
    private final String listening;

    private ChildHost(Process process, Path logFile, String listening) {
        this.process = process;
        this.logFile = logFile;
        this.listening = listening;
    }

    /// Starts a host and waits for its `listening` line.
    ///
    /// @param prefix run before `java` (`ip netns exec <ns>`), or empty
    /// @param jvmOptions options for the host's JVM (`-Dconfab.log.level=DEBUG`, say)
    /// @param args `confab-host` options besides `--data-dir` and `--port`
    static ChildHost start(
            Path dataDir,
            int port,
            Path logFile,
            List<String> prefix,
            List<String> jvmOptions,
            List<String> args)
            throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(prefix);
        command.addAll(ChildJvm.host(jvmOptions));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
        command.addAll(args);
        Process process =
                new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return out.readLine();
                            } catch (IOException e) {
                                return null;
                            }
                        });
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("confab-host did not start; see " + logFile, e);
        }
        if (line == null || !line.startsWith("listening ")) {
            process.destroyForcibly();
            throw new IOException(
                    "confab-host said " + line + " instead of listening; see " + logFile);
        }
        // keep reading its standard output so that it never blocks on a full pipe
        Thread.ofVirtual()
                .start(
                        () -> {
                            try {
                                while (out.readLine() != null) {
                                    // join lines: not needed
                                }
                            } catch (IOException ignored) {
                                // the host is gone
                            }
                        });
        log.info("confab-host pid {} {}", process.pid(), line);
        return new ChildHost(process, logFile, line.substring("listening ".length()));
    }

    /// A loopback host with the request rate limits out of the way.
    static ChildHost onLoopback(Path dataDir, int port, Path logFile, List<String> moreArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1"));
        args.addAll(moreArgs);
        return start(dataDir, port, logFile, List.of(), List.of(), args);
    }

    long pid() {
        return process.pid();
    }

    /// `address:port` as the host printed it.
    String listening() {
        return listening;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /// SIGKILL: no shutdown hook runs, nothing is flushed but what the OS already has.
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("confab-host " + pid() + " survived SIGKILL");
        }
        log.info("confab-host pid {} killed with SIGKILL", pid());
    }

    /// What the host has logged so far.
    String log() throws IOException {
        return Files.readString(logFile);
    }

    /// Lines of the host log that contain `text`.
    long logLines(String text) throws IOException {
        return log().lines().filter(line -> line.contains(text)).count();
    }

    /// Resident memory, threads and open file descriptors of the host process now.
    Usage usage() throws IOException {
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        int files;
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            files = (int) fds.count();
        }
        return new Usage(rss, threads, files);
    }

    /// Runs `jcmd <pid> <command>` against the host and returns its output.
    String jcmd(String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(ChildJvm.java()).resolveSibling("jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return output;
    }

    /// Used Java heap after a full collection, in KiB (from `GC.heap_info`), or -1.
    long heapUsedAfterGcKiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        var matcher = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /// SIGTERM and wait: the host stores what it holds and closes its database.
    void stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }
}
