package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.host.HostConfig;
import confab.host.HostEngine;
import confab.host.HostListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// What a partition can do (found by `NetworkFaultTest`): Ann's post is stuck in the network
/// when her session gives up on the connection; she reconnects and her outbox sends the post
/// again; then the network delivers the stuck copy on the old connection. The host must store
/// the message once, not twice (a second copy is a replay every member would reject).
class LatePostTest {
    @TempDir Path dataDir;

    private HostEngine engine;
    private HoldingRelay relay;
    private final List<ClientSession> sessions = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        sessions.forEach(ClientSession::close);
        if (relay != null) {
            relay.close();
        }
        engine.close();
    }

    @Test
    void aPostDeliveredLateOnAnAbandonedConnectionIsNotStoredAgain() throws Exception {
        engine =
                HostEngine.start(
                        HostConfig.builder(dataDir).bind("127.0.0.1", 0).build(),
                        new HostListener() {});
        HostAddress direct = new HostAddress("127.0.0.1", engine.port());
        relay = new HoldingRelay(engine.port());
        Tracker ann = new Tracker("ann");
        Tracker bob = new Tracker("bob");
        ClientSession annSession = Sessions.registered(relay.address(), "ann", ann);
        ClientSession bobSession = Sessions.registered(direct, "bob", bob);
        sessions.add(annSession);
        sessions.add(bobSession);
        bobSession.createRoom("lobby", Sessions.ROOM_PASSWORD);
        Sessions.join(annSession, ann, "lobby", 0);
        Sessions.join(bobSession, bob, "lobby", 0);

        relay.hold();
        ann.sending("lobby", "stuck in the network");
        annSession.send("lobby", "stuck in the network");
        Awaitility.await().atMost(Sessions.PATIENCE).until(() -> relay.held() > 0);
        relay.abandonClients();
        Awaitility.await()
                .atMost(Sessions.PATIENCE)
                .until(() -> ann.count(SessionEvent.Reconnected.class) == 1);
        Awaitility.await().atMost(Sessions.PATIENCE).until(ann::allAcked);
        relay.releaseHeld();
        bob.sending("lobby", "marker");
        bobSession.send("lobby", "marker");
        Awaitility.await().atMost(Sessions.PATIENCE).until(bob::allAcked);
        Awaitility.await().atMost(Sessions.PATIENCE).until(() -> ann.lastSeq("lobby") >= 2);

        Map<String, List<DeliveryChecker.Delivery>> truth =
                Sessions.audit(direct, "auditor", List.of("lobby"));
        List<DeliveryChecker.Interval> intervals = new ArrayList<>(ann.intervals());
        intervals.addAll(bob.intervals());
        List<DeliveryChecker.Sent> sent = new ArrayList<>(ann.sent(true));
        sent.addAll(bob.sent(true));
        assertThat(truth.get("lobby"))
                .extracting(DeliveryChecker.Delivery::text)
                .containsExactly("stuck in the network", "marker");
        assertThat(DeliveryChecker.violations(truth, intervals, intervals, sent)).isEmpty();
        assertThat(bob.events(SessionEvent.MessageRejected.class)).isEmpty();
    }
}
