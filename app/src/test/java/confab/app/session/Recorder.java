package confab.app.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/// A listener that keeps every event, for tests to wait on and inspect.
final class Recorder implements SessionListener {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SessionEvent event) {
        events.add(event);
    }

    List<SessionEvent> all() {
        return List.copyOf(events);
    }

    <T extends SessionEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /// Waits for the first event of `type` that matches.
    <T extends SessionEvent> T await(Class<T> type, Predicate<? super T> match) {
        return Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> all(type).stream().filter(match).findFirst().orElse(null),
                        found -> found != null);
    }

    <T extends SessionEvent> T await(Class<T> type) {
        return await(type, event -> true);
    }

    /// Waits until a message with `text` arrived in `room` and returns it.
    SessionEvent.MessageReceived awaitText(String room, String text) {
        return await(
                SessionEvent.MessageReceived.class,
                m -> m.room().equals(room) && m.text().equals(text));
    }

    /// Messages received in `room`, in order.
    List<SessionEvent.MessageReceived> received(String room) {
        return all(SessionEvent.MessageReceived.class).stream()
                .filter(m -> m.room().equals(room))
                .toList();
    }

    /// Texts received in `room`, in order.
    List<String> texts(String room) {
        return received(room).stream().map(SessionEvent.MessageReceived::text).toList();
    }
}
