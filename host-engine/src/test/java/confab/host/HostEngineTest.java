package confab.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import confab.crypto.wire.EvictionReason;
import confab.crypto.wire.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Rooms over real loopback sockets: fan-out order, eviction, idle timeout, restart, resume.
class HostEngineTest {
    static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    @TempDir Path dataDir;

    private final FakeClock clock = new FakeClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private HostEngine engine;

    private final HostListener recorder =
            new HostListener() {
                @Override
                public void memberEvicted(String room, String login, EvictionReason reason) {
                    events.add("evicted " + login + " " + reason);
                }

                @Override
                public void roomIdle(String room) {
                    events.add("idle " + room);
                }

                @Override
                public void roomActive(String room) {
                    events.add("active " + room);
                }
            };

    private HostConfig.Builder config() {
        return HostConfig.builder(dataDir)
                .bind("127.0.0.1", 0)
                .rateLimit(100_000, 100_000)
                .maxConnections(1000, 1000);
    }

    private HostEngine start(HostConfig config) throws Exception {
        engine = HostEngine.start(config, recorder);
        return engine;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /// Registers `login` (first time only) and joins `room` on a new connection.
    private TestClient member(String login, String room, boolean register) throws Exception {
        TestClient client =
                track(TestClient.loggedIn(engine.port(), login, "pw-" + login, register));
        client.join(room, "room secret", 0);
        return client;
    }

    private TestClient owner(String login, String room) throws Exception {
        TestClient client = track(TestClient.loggedIn(engine.port(), login, "pw-" + login, true));
        client.createRoom(room, "room secret");
        client.join(room, "room secret", 0);
        return client;
    }

    @Test
    void everyPostReachesAllThreeMembersInOneOrderWithConsecutiveSequenceNumbers()
            throws Exception {
        start(config().build());
        TestClient alice = owner("alice", "lobby");
        TestClient bob = member("bob", "lobby", true);
        TestClient carol = member("carol", "lobby", true);

        for (int i = 0; i < 10; i++) {
            alice.post("lobby", "a" + i);
            bob.post("lobby", "b" + i);
            carol.post("lobby", "c" + i);
        }

        List<List<String>> seen = new ArrayList<>();
        for (TestClient client : List.of(alice, bob, carol)) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Message.Delivered delivered = client.await(Message.Delivered.class);
                assertThat(delivered.seq()).isEqualTo(i + 1);
                lines.add(delivered.sender() + ":" + client.open(delivered));
            }
            seen.add(lines);
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
        assertThat(seen.get(0)).contains("alice:a0", "bob:b9", "carol:c5");
    }

    /// Alice owns "lobby"; Bob and Carol joined it, and Alice has heard of it.
    private record Lobby(TestClient alice, TestClient bob, TestClient carol) {}

    private Lobby lobbyOfThree() throws Exception {
        start(config().build());
        TestClient alice = owner("alice", "lobby");
        TestClient bob = member("bob", "lobby", true);
        TestClient carol = member("carol", "lobby", true);
        alice.await(Message.MemberJoined.class);
        return new Lobby(alice, bob, carol);
    }

    /// Closes with a reset: a dead socket, not a goodbye.
    private static void kill(TestClient client) throws IOException {
        client.socket.setSoLinger(true, 0);
        client.close();
    }

    @Test
    void memberWhoseSocketDiesIsEvictedAndTheOthersAreToldAndKeepReceiving() throws Exception {
        Lobby lobby = lobbyOfThree();
        TestClient alice = lobby.alice();
        TestClient bob = lobby.bob();

        kill(lobby.carol());

        Message.MemberEvicted evicted = alice.await(Message.MemberEvicted.class);
        assertThat(evicted.login()).isEqualTo("carol");
        assertThat(evicted.reason()).isEqualTo(EvictionReason.CONNECTION_LOST);
        bob.post("lobby", "still here");
        assertThat(alice.open(alice.await(Message.Delivered.class))).isEqualTo("still here");
        assertThat(bob.open(bob.await(Message.Delivered.class))).isEqualTo("still here");
    }

    @Test
    void memberWhoseSocketDiesWhileMessagesFlowToItIsEvictedAsConnectionLost() throws Exception {
        Lobby lobby = lobbyOfThree();
        TestClient bob = lobby.bob();
        AtomicBoolean posting = new AtomicBoolean(true);
        CompletableFuture<Void> poster =
                CompletableFuture.runAsync(
                        () -> {
                            // the host is writing to carol when her reset arrives, so its write
                            // or its read may notice first: both mean the same to the others
                            for (int i = 0; i < 100_000 && posting.get(); i++) {
                                try {
                                    bob.post("lobby", "m" + i);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        },
                        VIRTUAL);
        // bob reads what the room sends back to him: a sender that never reads would in time be
        // evicted for that, and race carol's eviction for the first notice
        CompletableFuture.runAsync(
                () -> {
                    try {
                        while (posting.get()) {
                            bob.receive();
                        }
                    } catch (Exception | AssertionError e) {
                        // bob's connection closed at the end of the test (or, wrongly, before:
                        // the eviction asserted below would then name him)
                    }
                },
                VIRTUAL);
        lobby.carol().await(Message.Delivered.class);

        kill(lobby.carol());

        Message.MemberEvicted evicted = lobby.alice().await(Message.MemberEvicted.class);
        posting.set(false);
        poster.get(30, TimeUnit.SECONDS);
        assertThat(evicted.login()).isEqualTo("carol");
        assertThat(evicted.reason()).isEqualTo(EvictionReason.CONNECTION_LOST);
    }

    @Test
    void postSentJustBeforeLeavingIsDeliveredAndTheSenderStaysOffTheList() throws Exception {
        start(config().build());
        TestClient alice = owner("alice", "lobby");
        TestClient bob = member("bob", "lobby", true);
        alice.await(Message.MemberJoined.class);

        // both in one go: the room takes them in the same turn, the post first
        bob.post("lobby", "bye all");
        bob.send(new Message.Leave("lobby"));

        Message.Delivered last = alice.await(Message.Delivered.class);
        assertThat(alice.open(last)).isEqualTo("bye all");
        assertThat(alice.await(Message.MemberLeft.class).login()).isEqualTo("bob");
        assertThat(bob.await(Message.Left.class).room()).isEqualTo("lobby");
        alice.post("lobby", "after bob left");
        assertThat(alice.open(alice.await(Message.Delivered.class))).isEqualTo("after bob left");
        TestClient carol = track(TestClient.loggedIn(engine.port(), "carol", "pw-carol", true));
        Message.Joined joined = carol.join("lobby", "room secret", last.seq() + 1);
        assertThat(joined.members()).containsExactlyInAnyOrder("alice", "carol");
    }

    @Test
    void memberThatStopsReadingIsEvictedWhileTheOthersGetEveryMessage() throws Exception {
        start(
                config().stallTimeout(Duration.ofSeconds(2))
                        .queues(256 * 1024, 2 << 20, 64L << 20)
                        .build());
        TestClient alice = owner("alice", "lobby");
        TestClient bob = member("bob", "lobby", true);
        TestClient sleeper = member("sleeper", "lobby", true);
        sleeper.socket.setReceiveBufferSize(4096); // never read from here on

        String text = "x".repeat(4000);
        int total = 3000; // ~12 MB: more than the sleeper's socket buffers and its hard bound
        List<CompletableFuture<Void>> readers = new ArrayList<>();
        for (TestClient reading : List.of(alice, bob)) {
            readers.add(CompletableFuture.runAsync(() -> readSequence(reading, total), VIRTUAL));
        }
        for (int i = 0; i < total; i++) {
            alice.post("lobby", text);
        }
        for (CompletableFuture<Void> reader : readers) {
            reader.get(60, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.contains("evicted sleeper " + EvictionReason.STOPPED_READING));
        assertThat(events)
                .noneMatch(e -> e.startsWith("evicted alice") || e.startsWith("evicted bob"));
    }

    /// Reads `total` deliveries and checks they come as 1..total.
    private static void readSequence(TestClient client, int total) {
        try {
            for (int i = 1; i <= total; i++) {
                assertThat(client.await(Message.Delivered.class).seq()).isEqualTo(i);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void roomGoesIdleAfterTheTimeoutTellsItsMembersAndWakesOnTheNextJoinWithHistory()
            throws Exception {
        start(
                config().clock(clock)
                        .idleTimeout(Duration.ofMinutes(15))
                        .readTimeout(Duration.ofHours(1))
                        .build());
        TestClient alice = owner("alice", "lobby");
        alice.post("lobby", "before idle");
        alice.await(Message.Delivered.class);

        clock.advance(Duration.ofMinutes(14));
        engine.runMaintenance();
        assertThat(engine.activeRooms()).contains("lobby");

        clock.advance(Duration.ofMinutes(2));
        engine.runMaintenance();
        assertThat(alice.await(Message.RoomIdle.class).room()).isEqualTo("lobby");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.activeRooms().isEmpty());
        assertThat(events).contains("idle lobby");

        TestClient bob = member("bob", "lobby", true);
        assertThat(bob.open(bob.await(Message.Delivered.class))).isEqualTo("before idle");
        assertThat(engine.activeRooms()).contains("lobby");
        bob.post("lobby", "after idle");
        // alice kept her right to the room: she is back on the address list when it wakes
        assertThat(alice.open(alice.await(Message.Delivered.class))).isEqualTo("after idle");
    }

    @Test
    void restartKeepsAccountsRoomsAndHistoryAndResumeReplaysExactlyWhatCameAfter()
            throws Exception {
        start(config().build());
        TestClient alice = owner("alice", "lobby");
        for (int i = 1; i <= 20; i++) {
            alice.post("lobby", "m" + i);
        }
        for (int i = 1; i <= 20; i++) {
            alice.await(Message.Delivered.class);
        }
        alice.close();
        engine.close();

        start(config().build());
        TestClient again = track(TestClient.loggedIn(engine.port(), "alice", "pw-alice", false));
        Message.Joined joined = again.join("lobby", "room secret", 12);
        assertThat(joined.latestSeq()).isEqualTo(20);
        List<Long> replayed = new ArrayList<>();
        for (int i = 13; i <= 20; i++) {
            Message.Delivered delivered = again.await(Message.Delivered.class);
            replayed.add(delivered.seq());
            assertThat(again.open(delivered)).isEqualTo("m" + i);
        }
        assertThat(replayed).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
        again.post("lobby", "m21");
        assertThat(again.await(Message.Delivered.class).seq()).isEqualTo(21);
    }

    @Test
    void postsOverTheRateLimitWaitTheirTurnInsteadOfBeingRefused() throws Exception {
        start(config().rateLimit(100, 10).build());
        TestClient alice = owner("alice", "lobby");
        for (int i = 1; i <= 60; i++) {
            alice.post("lobby", "burst " + i);
        }
        for (int i = 1; i <= 60; i++) {
            // await fails the test on any ErrorReply, such as RATE_LIMITED
            Message.Delivered echo = alice.await(Message.Delivered.class);
            assertThat(alice.open(echo)).isEqualTo("burst " + i);
        }
    }

    @Test
    void joinWithTheLatestSequenceNumberReplaysNothing() throws Exception {
        start(config().build());
        TestClient alice = owner("alice", "lobby");
        alice.post("lobby", "one");
        alice.await(Message.Delivered.class);
        TestClient bob = track(TestClient.loggedIn(engine.port(), "bob", "pw-bob", true));
        assertThat(bob.join("lobby", "room secret", 1).latestSeq()).isEqualTo(1);
        alice.post("lobby", "two");
        Message.Delivered next = bob.await(Message.Delivered.class);
        assertThat(next.seq()).isEqualTo(2);
        assertThat(bob.open(next)).isEqualTo("two");
    }
}
