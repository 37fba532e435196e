package confab.app.connect;

import confab.app.session.SessionEvent;
import confab.app.session.SessionListener;
import confab.app.ui.UiExecutor;
import java.util.ArrayList;
import java.util.List;

/// Moves a connection's events to the UI thread and holds them until a view-model attaches,
/// so that nothing the host says while the chat window is being built is lost.
public final class EventRelay implements SessionListener {
    private final UiExecutor ui;
    // both touched on the UI thread only
    private final List<SessionEvent> early = new ArrayList<>();
    private SessionListener sink;

    public EventRelay(UiExecutor ui) {
        this.ui = ui;
    }

    @Override
    public void onEvent(SessionEvent event) {
        ui.onUi(
                () -> {
                    if (sink == null) {
                        early.add(event);
                    } else {
                        sink.onEvent(event);
                    }
                });
    }

    /// Delivers the events held so far to `listener`, then every later one (on the UI thread).
    public void attach(SessionListener listener) {
        ui.onUi(
                () -> {
                    sink = listener;
                    List<SessionEvent> held = List.copyOf(early);
                    early.clear();
                    held.forEach(listener::onEvent);
                });
    }
}
