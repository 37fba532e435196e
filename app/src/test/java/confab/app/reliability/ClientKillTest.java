package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.crypto.wire.EvictionReason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// A member's process killed with SIGKILL while half a frame of it has reached the host: the
/// host takes it off the room as a lost connection and logs the cut, and the members who keep
/// chatting lose nothing and notice nothing but the eviction.
class ClientKillTest {
    private static final Logger log = LoggerFactory.getLogger(ClientKillTest.class);

    @TempDir Path dir;

    private ChildHost host;
    private Process dying;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<Tracker> trackers = new ArrayList<>();
    private final List<Thread> posters = new ArrayList<>();
    private final AtomicBoolean posting = new AtomicBoolean(true);

    @AfterEach
    void stopEverything() throws Exception {
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(10_000);
        }
        if (dying != null) {
            dying.destroyForcibly();
        }
        sessions.forEach(ClientSession::close);
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aClientKilledMidFrameIsEvictedAsLostAndTheOthersLoseNothing() throws Exception {
        int port = ChildJvm.freePort();
        host =
                ChildHost.start(
                        dir.resolve("data"),
                        port,
                        dir.resolve("host.log"),
                        List.of(),
                        List.of("-Dconfab.log.level=DEBUG"),
                        List.of("--bind", "127.0.0.1"));
        HostAddress address = new HostAddress("127.0.0.1", port);
        for (String login : List.of("ann", "bob")) {
            Tracker tracker = new Tracker(login);
            trackers.add(tracker);
            sessions.add(Sessions.registered(address, login, tracker));
        }
        sessions.getFirst().createRoom("lobby", Sessions.ROOM_PASSWORD);
        for (int i = 0; i < 2; i++) {
            Sessions.join(sessions.get(i), trackers.get(i), "lobby", 0);
            ClientSession session = sessions.get(i);
            Tracker tracker = trackers.get(i);
            posters.add(
                    Thread.ofVirtual().start(() -> Tracker.chat(posting, session, tracker, 10)));
        }

        List<String> command = new ArrayList<>(ChildJvm.testMain(HalfFrameClient.class));
        command.addAll(
                List.of(
                        String.valueOf(port),
                        "dying",
                        "dying password",
                        "lobby",
                        new String(Sessions.ROOM_PASSWORD)));
        dying =
                new ProcessBuilder(command)
                        .redirectError(dir.resolve("client.log").toFile())
                        .start();
        String said =
                new BufferedReader(
                                new InputStreamReader(
                                        dying.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
        assertThat(said).as("the client's report; see client.log").isEqualTo("half-frame-sent");
        for (Tracker tracker : trackers) {
            Awaitility.await()
                    .atMost(Sessions.PATIENCE)
                    .until(
                            () ->
                                    tracker.count(
                                                    SessionEvent.MemberJoined.class,
                                                    j -> j.login().equals("dying"))
                                            == 1);
        }
        int ackedBeforeKill = Tracker.totalAcked(trackers);

        dying.destroyForcibly(); // SIGKILL
        assertThat(dying.waitFor(30, TimeUnit.SECONDS)).isTrue();

        for (Tracker tracker : trackers) {
            Awaitility.await()
                    .atMost(Sessions.PATIENCE)
                    .until(() -> tracker.count(SessionEvent.MemberEvicted.class) >= 1);
        }
        int ackedAtEviction = Tracker.totalAcked(trackers);
        Sessions.stopPostingAfter(trackers, ackedAtEviction + 100, posting, posters);
        Map<String, List<DeliveryChecker.Delivery>> truth =
                Sessions.audit(address, "auditor", List.of("lobby"));
        long latest = truth.get("lobby").size();
        List<String> violations = Sessions.violationsOnceShown(truth, trackers, "lobby");
        List<String> cut =
                host.log()
                        .lines()
                        .filter(line -> line.contains("dying@") && line.contains("ended:"))
                        .toList();
        log.info(
                "client kill: {} messages before the kill, {} after the eviction, {} stored, host"
                        + " log: {}, violations {}",
                ackedBeforeKill,
                trackers.stream().mapToInt(t -> t.sent(true).size()).sum() - ackedAtEviction,
                latest,
                cut,
                violations.size());

        assertThat(violations).isEmpty();
        assertThat(cut).singleElement().asString().contains("connection lost");
        for (Tracker tracker : trackers) {
            assertThat(tracker.events(SessionEvent.MemberEvicted.class))
                    .containsExactly(
                            new SessionEvent.MemberEvicted(
                                    "lobby", "dying", EvictionReason.CONNECTION_LOST));
            assertThat(tracker.events(SessionEvent.ConnectionLost.class)).isEmpty();
            assertThat(tracker.events(SessionEvent.MessageRejected.class)).isEmpty();
        }
    }
}
