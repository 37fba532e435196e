package confab.host;

import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.Message;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A host killed with SIGKILL in the middle of traffic loses no acknowledged message, account
/// or room: the real `confab-host` runs in a child JVM, is killed, and its data directory is
/// opened again.
class HostCrashTest {
    @TempDir Path dataDir;

    @Test
    void hostKilledMidTrafficKeepsEveryAcknowledgedMessageAccountAndRoom() throws Exception {
        Process host = startChildHost();
        Map<Long, String> acknowledged = new TreeMap<>();
        try {
            int port = readPort(host);
            TestClient alice = TestClient.loggedIn(port, "alice", "pw", true);
            alice.createRoom("lobby", "room secret");
            alice.join("lobby", "room secret", 0);
            CompletableFuture<Void> sender =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    for (int i = 1; i <= 5000; i++) {
                                        alice.post("lobby", "message " + i);
                                    }
                                } catch (Exception stoppedByTheKill) {
                                    // the host died under us, as planned
                                }
                            });
            while (acknowledged.size() < 500) {
                Message.Delivered echo = alice.await(Message.Delivered.class);
                acknowledged.put(echo.seq(), alice.open(echo));
            }
            host.destroyForcibly(); // SIGKILL on Linux and macOS
            assertThat(host.waitFor(20, TimeUnit.SECONDS)).isTrue();
            alice.close();
            sender.get(20, TimeUnit.SECONDS);
        } finally {
            host.destroyForcibly();
        }

        try (HostEngine restarted =
                        HostEngine.start(
                                HostConfig.builder(dataDir).bind("127.0.0.1", 0).build(),
                                new HostListener() {});
                TestClient alice = TestClient.loggedIn(restarted.port(), "alice", "pw", false)) {
            Message.Joined joined = alice.join("lobby", "room secret", 0);
            assertThat(joined.latestSeq()).isGreaterThanOrEqualTo(500);
            Map<Long, String> kept = new TreeMap<>();
            for (long seq = 1; seq <= joined.latestSeq(); seq++) {
                Message.Delivered delivered = alice.await(Message.Delivered.class);
                assertThat(delivered.seq()).isEqualTo(seq);
                kept.put(seq, alice.open(delivered));
            }
            assertThat(kept).containsAllEntriesOf(acknowledged);
        }
    }

    @Test
    void sigtermStopsTheHostCleanlyAfterStoringEverything() throws Exception {
        Process host = startChildHost();
        try {
            int port = readPort(host);
            try (TestClient alice = TestClient.loggedIn(port, "alice", "pw", true)) {
                alice.createRoom("lobby", "room secret");
                alice.join("lobby", "room secret", 0);
                for (int i = 1; i <= 50; i++) {
                    alice.post("lobby", "message " + i);
                }
                for (int i = 1; i <= 50; i++) {
                    alice.await(Message.Delivered.class);
                }
                host.destroy(); // SIGTERM
                assertThat(host.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(alice.await(Message.ErrorReply.class).code())
                        .isEqualTo(confab.crypto.wire.ErrorCode.SHUTTING_DOWN);
            }
        } finally {
            host.destroyForcibly();
        }
        assertThat(java.nio.file.Files.readString(dataDir.resolve("host.log")))
                .contains("host stopped");
        try (HostEngine restarted =
                        HostEngine.start(
                                HostConfig.builder(dataDir).bind("127.0.0.1", 0).build(),
                                new HostListener() {});
                TestClient alice = TestClient.loggedIn(restarted.port(), "alice", "pw", false)) {
            assertThat(alice.join("lobby", "room secret", 0).latestSeq()).isEqualTo(50);
        }
    }

    private Process startChildHost() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            command.addAll(
                    List.of(
                            "--enable-native-access=org.xerial.sqlitejdbc",
                            "--module-path",
                            modulePath,
                            "--module",
                            "confab.host/confab.host.cli.HostCommand"));
        } else {
            command.addAll(
                    List.of(
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "confab.host.cli.HostCommand"));
        }
        command.addAll(
                List.of(
                        "--bind", "127.0.0.1",
                        "--port", "0",
                        "--data-dir", dataDir.toString(),
                        "--rate", "100000",
                        "--burst", "100000"));
        return new ProcessBuilder(command)
                .redirectError(new File(dataDir.toFile(), "host.log"))
                .start();
    }

    private static int readPort(Process host) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("first line of confab-host").startsWith("listening 127.0.0.1:");
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }
}
