package confab.host;

import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Overload is not slowness: a flat-out burst makes every queue grow at once, and the room must
/// slow the senders down rather than evict members who are still reading.
class RoomBurstTest {
    private static final String PADDING = "p".repeat(190);

    @TempDir Path dataDir;

    @Test
    void flatOutBurstFromTenSendersToHundredMembersLosesNothingAndEvictsNoReader()
            throws Exception {
        burst(100, 10, 300);
    }

    /// In a room this large a pass over the members takes the posts that arrive during it
    /// (`Room.SWEEP_TAKE_AHEAD`): members ahead get them in the same pass, those behind in the
    /// next; each must still get every message once and in order.
    @Test
    void everyMemberOfALargeRoomGetsABurstOnceAndInOrder() throws Exception {
        burst(330, 4, 200);
    }

    private void burst(int memberCount, int senderCount, int perSender) throws Exception {
        ConcurrentLinkedQueue<String> evictions = new ConcurrentLinkedQueue<>();
        HostConfig config =
                HostConfig.builder(dataDir)
                        .bind("127.0.0.1", 0)
                        .rateLimit(1_000_000, 1_000_000)
                        .maxConnections(1000, 1000)
                        .build();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                HostEngine engine =
                        HostEngine.start(
                                config,
                                new HostListener() {
                                    @Override
                                    public void memberEvicted(
                                            String room,
                                            String login,
                                            confab.crypto.wire.EvictionReason reason) {
                                        evictions.add(login + " " + reason);
                                    }
                                })) {
            try (TestClient owner = TestClient.loggedIn(engine.port(), "owner", "pw", true)) {
                owner.createRoom("burst", "room secret");
            }
            List<CompletableFuture<TestClient>> joining = new ArrayList<>();
            for (int i = 0; i < memberCount; i++) {
                String login = "m" + i;
                joining.add(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        TestClient c =
                                                TestClient.loggedIn(
                                                        engine.port(), login, "pw", true);
                                        c.join("burst", "room secret", 0);
                                        return c;
                                    } catch (Exception e) {
                                        throw new IllegalStateException(login, e);
                                    }
                                },
                                pool));
            }
            List<TestClient> members = new ArrayList<>();
            for (CompletableFuture<TestClient> future : joining) {
                members.add(future.get(120, TimeUnit.SECONDS));
            }
            int total = senderCount * perSender;

            List<CompletableFuture<Map<String, Long>>> readers = new ArrayList<>();
            for (TestClient member : members) {
                readers.add(CompletableFuture.supplyAsync(() -> readAll(member, total), pool));
            }
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int s = 0; s < senderCount; s++) {
                TestClient sender = members.get(s);
                senders.add(
                        CompletableFuture.runAsync(
                                () -> {
                                    try {
                                        for (int i = 1; i <= perSender; i++) {
                                            sender.post("burst", PADDING + sender.login + "#" + i);
                                        }
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                },
                                pool));
            }
            for (CompletableFuture<Void> sender : senders) {
                sender.get(120, TimeUnit.SECONDS);
            }
            Map<String, Long> first = null;
            for (CompletableFuture<Map<String, Long>> reader : readers) {
                Map<String, Long> seen = reader.get(180, TimeUnit.SECONDS);
                assertThat(seen).hasSize(total);
                if (first == null) {
                    first = seen;
                }
                assertThat(seen).isEqualTo(first);
            }
            assertThat(evictions).isEmpty();
            for (TestClient member : members) {
                member.close();
            }
        }
    }

    /// Reads `total` deliveries, checking consecutive sequence numbers and each sender's own
    /// order; returns text -> seq so that members can be compared.
    private static Map<String, Long> readAll(TestClient member, int total) {
        Map<String, Long> seen = new HashMap<>();
        Map<String, Integer> lastPerSender = new HashMap<>();
        try {
            for (long seq = 1; seq <= total; seq++) {
                Message.Delivered delivered = member.await(Message.Delivered.class);
                assertThat(delivered.seq()).isEqualTo(seq);
                String text = member.open(delivered);
                int n = Integer.parseInt(text.substring(text.indexOf('#') + 1));
                Integer previous = lastPerSender.put(delivered.sender(), n);
                assertThat(n).isEqualTo(previous == null ? 1 : previous + 1);
                assertThat(seen.put(text, seq)).isNull();
            }
        } catch (Exception e) {
            throw new IllegalStateException(member.login, e);
        }
        return seen;
    }
}
