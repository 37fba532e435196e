package confab.host;

import confab.crypto.wire.EvictionReason;
import java.net.InetSocketAddress;

/// What a host reports as it runs, for a live dashboard or a log. Called from the host's own
/// threads (its I/O loop, request workers and room threads): implementations must be quick,
/// must never block (the I/O loop serves every connection) and must hand work to their own
/// thread (the app hands it to the FX thread). Every method has an empty default so a listener
/// implements only what it shows.
public interface HostListener {
    default void connectionOpened(long connectionId, InetSocketAddress remote) {}

    default void connectionClosed(long connectionId, InetSocketAddress remote, String why) {}

    /// A connection proved its login.
    default void loggedIn(long connectionId, String login) {}

    /// A login or room password proof failed, or was throttled.
    default void loginFailed(InetSocketAddress remote, String login, LoginRefusal why) {}

    default void roomCreated(String room, String by) {}

    /// The room's thread started (on its first join or post since start or idle).
    default void roomActive(String room) {}

    /// The room had no post for the idle timeout; its thread ended.
    default void roomIdle(String room) {}

    default void memberJoined(String room, String login) {}

    default void memberLeft(String room, String login) {}

    default void memberEvicted(String room, String login, EvictionReason reason) {}

    /// A connection was refused or cut for breaking a limit (caps, rate, frame size, timeout).
    default void defended(InetSocketAddress remote, Defence what) {}
}
