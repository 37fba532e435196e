package confab.host.store;

import static confab.host.store.Fixtures.range;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/// Kills a writing host process with SIGKILL and checks that everything it was told had been
/// committed is still there.
class HostStoreCrashTest {
    private static final String ROOM = "lobby";
    private static final int BATCH = 10;

    /// Commits the child reports before it is killed; it keeps writing while it is killed.
    private static final int COMMITS_BEFORE_KILL = 100;

    /// Each kill lands somewhere else in the child's loop; each restart resumes the history.
    private static final int KILLS = 3;

    /// The child stops by itself after this long if nobody kills it.
    private static final int CHILD_SECONDS = 30;

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyBatchReportedCommittedSurvivesAKill(Durability durability) throws Exception {
        Path data = dir.resolve("data");
        try (HostStore store = HostStore.open(data, durability)) {
            store.createRoom(room(ROOM, 0));
        }
        long latest = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            List<Long> reported = runAndKill(data, durability, kill);
            assertThat(reported).as("reported in order").isSorted().doesNotHaveDuplicates();
            assertThat(reported.getFirst())
                    .as("resumed after the last commit")
                    .isGreaterThan(latest);

            try (HostStore store = HostStore.open(data, durability)) {
                latest = store.latestSeq(ROOM);
                assertThat(latest).isGreaterThanOrEqualTo(reported.getLast());
                assertThat(latest % BATCH).as("only whole batches").isZero();
                List<StoredMessage> all = store.messagesAfter(ROOM, 0, Integer.MAX_VALUE);
                assertThat(seqs(all)).isEqualTo(range(1, latest));
                assertThat(all).isEqualTo(Fixtures.storedRange(ROOM, 1, latest));
            }
        }
    }

    /// Starts a child, kills it once it has reported enough commits; all that it reported.
    private List<Long> runAndKill(Path data, Durability durability, int kill) throws Exception {
        Path output = dir.resolve("child-" + kill + "-stdout.txt");
        Path errors = dir.resolve("child-" + kill + "-stderr.txt");
        // A file rather than a pipe: killing the child closes our end of its pipes, and every
        // line it wrote before dying must still be read.
        Process child =
                new ProcessBuilder(childCommand(data, durability))
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(5))
                    .until(
                            () -> {
                                if (!child.isAlive()) {
                                    throw new AssertionError(
                                            "child stopped after "
                                                    + commits(output).size()
                                                    + " commits: "
                                                    + Files.readString(
                                                            errors, StandardCharsets.UTF_8));
                                }
                                return commits(output).size() >= COMMITS_BEFORE_KILL;
                            });
            assertThat(child.isAlive()).as("child still writing when killed").isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        return commits(output);
    }

    /// The seqs the child has reported as committed so far.
    private static List<Long> commits(Path output) throws IOException {
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith(CrashChild.COMMITTED))
                    .filter(line -> line.endsWith("."))
                    .map(line -> line.substring(CrashChild.COMMITTED.length(), line.length() - 1))
                    .map(Long::parseLong)
                    .toList();
        }
    }

    private List<String> childCommand(Path data, Durability durability)
            throws URISyntaxException, IOException {
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xshare:auto");
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        // A killed child cannot delete the SQLite library it extracted: keep it in our temp dir.
        command.add("-Dorg.sqlite.tmpdir=" + nativeDir);
        command.add("-cp");
        command.add(childClassPath());
        command.add(CrashChild.class.getName());
        command.add(data.toString());
        command.add(durability.name());
        command.add(ROOM);
        command.add(Integer.toString(BATCH));
        command.add(Integer.toString(CHILD_SECONDS));
        return command;
    }

    /// This JVM's module path and class path, run as one class path (the child needs no module
    /// checks), plus wherever this class was loaded from.
    private static String childClassPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(
                Path.of(
                                CrashChild.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI())
                        .toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                Stream.of(value.split(File.pathSeparator))
                        .filter(entry -> !entry.isEmpty())
                        .forEach(entries::add);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
