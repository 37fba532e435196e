package confab.app.connect;

import confab.crypto.wire.EvictionReason;
import confab.host.Defence;
import confab.host.LoginRefusal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/// Holds what a host reports until the dashboard attaches, then passes everything on. Like
/// [HostActivity] itself, used on the UI thread only.
public final class HostActivityRelay implements HostActivity {
    private final List<Consumer<HostActivity>> early = new ArrayList<>();
    private HostActivity sink;

    /// Replays what was held to `activity`, then passes on every later call.
    public void attach(HostActivity activity) {
        sink = activity;
        List<Consumer<HostActivity>> held = List.copyOf(early);
        early.clear();
        held.forEach(call -> call.accept(activity));
    }

    private void pass(Consumer<HostActivity> call) {
        if (sink == null) {
            early.add(call);
        } else {
            call.accept(sink);
        }
    }

    @Override
    public void connectionOpened(long id, InetSocketAddress remote) {
        pass(a -> a.connectionOpened(id, remote));
    }

    @Override
    public void connectionClosed(long id, InetSocketAddress remote, String why) {
        pass(a -> a.connectionClosed(id, remote, why));
    }

    @Override
    public void loggedIn(long id, String login) {
        pass(a -> a.loggedIn(id, login));
    }

    @Override
    public void loginFailed(InetSocketAddress remote, String login, LoginRefusal why) {
        pass(a -> a.loginFailed(remote, login, why));
    }

    @Override
    public void roomCreated(String room, String by) {
        pass(a -> a.roomCreated(room, by));
    }

    @Override
    public void roomActive(String room) {
        pass(a -> a.roomActive(room));
    }

    @Override
    public void roomIdle(String room) {
        pass(a -> a.roomIdle(room));
    }

    @Override
    public void memberJoined(String room, String login) {
        pass(a -> a.memberJoined(room, login));
    }

    @Override
    public void memberLeft(String room, String login) {
        pass(a -> a.memberLeft(room, login));
    }

    @Override
    public void memberEvicted(String room, String login, EvictionReason reason) {
        pass(a -> a.memberEvicted(room, login, reason));
    }

    @Override
    public void defended(InetSocketAddress remote, Defence what) {
        pass(a -> a.defended(remote, what));
    }
}
