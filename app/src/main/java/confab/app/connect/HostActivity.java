package confab.app.connect;

import confab.crypto.wire.EvictionReason;
import confab.host.Defence;
import confab.host.LoginRefusal;
import java.net.InetSocketAddress;

/// What an embedded host reports while it runs, for the host dashboard. Called on the UI
/// thread (the launcher moves the calls there).
public interface HostActivity {
    default void connectionOpened(long id, InetSocketAddress remote) {}

    default void connectionClosed(long id, InetSocketAddress remote, String why) {}

    default void loggedIn(long id, String login) {}

    default void loginFailed(InetSocketAddress remote, String login, LoginRefusal why) {}

    default void roomCreated(String room, String by) {}

    default void roomActive(String room) {}

    default void roomIdle(String room) {}

    default void memberJoined(String room, String login) {}

    default void memberLeft(String room, String login) {}

    default void memberEvicted(String room, String login, EvictionReason reason) {}

    default void defended(InetSocketAddress remote, Defence what) {}
}
