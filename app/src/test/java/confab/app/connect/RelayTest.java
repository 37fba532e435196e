package confab.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.SessionEvent;
import confab.app.ui.DirectUiExecutor;
import confab.crypto.wire.EvictionReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayTest {
    @Test
    void sessionEventsBeforeAttachArriveFirstAndInOrder() {
        EventRelay relay = new EventRelay(new DirectUiExecutor());
        List<SessionEvent> seen = new ArrayList<>();
        relay.onEvent(new SessionEvent.RoomIdle("a"));
        relay.onEvent(new SessionEvent.RoomIdle("b"));

        relay.attach(seen::add);
        relay.onEvent(new SessionEvent.RoomIdle("c"));

        assertThat(seen)
                .containsExactly(
                        new SessionEvent.RoomIdle("a"),
                        new SessionEvent.RoomIdle("b"),
                        new SessionEvent.RoomIdle("c"));
    }

    @Test
    void hostActivityBeforeAttachIsReplayed() {
        HostActivityRelay relay = new HostActivityRelay();
        List<String> seen = new ArrayList<>();
        HostActivity sink =
                new HostActivity() {
                    @Override
                    public void roomCreated(String room, String by) {
                        seen.add("created " + room);
                    }

                    @Override
                    public void memberEvicted(String room, String login, EvictionReason reason) {
                        seen.add("evicted " + login);
                    }
                };
        relay.roomCreated("r", "ann");

        relay.attach(sink);
        relay.memberEvicted("r", "bob", EvictionReason.STOPPED_READING);

        assertThat(seen).containsExactly("created r", "evicted bob");
    }
}
