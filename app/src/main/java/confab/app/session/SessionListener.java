package confab.app.session;

/// Receives everything a {@link ClientSession} has to tell, in the order it happened.
///
/// Called on the session's own event thread, one event at a time: return quickly (hand the event
/// to the UI thread, say) and never block. An exception thrown here is logged and dropped.
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
