package confab.app.connect;

import confab.app.session.HostAddress;
import confab.crypto.wire.Message.RoomInfo;
import java.util.List;

/// A logged-in connection, as the start screen hands it to the chat window.
///
/// @param connection the connection, logged in as `login`
/// @param events its events, held until the chat window attaches
/// @param address where it is connected
/// @param login who is logged in
/// @param rooms the host's rooms when the connection was made
/// @param joined the room already joined (hosting), or `null`
/// @param hosting the embedded host when this app hosts, or `null`
public record Established(
        ChatConnection connection,
        EventRelay events,
        HostAddress address,
        String login,
        List<RoomInfo> rooms,
        String joined,
        Hosting hosting)
        implements AutoCloseable {

    /// The host this app runs, and what it reported so far.
    public record Hosting(HostLauncher.RunningHost host, HostActivityRelay activity) {}

    public Established {
        rooms = List.copyOf(rooms);
    }

    /// Closes the connection, and stops the host if this app runs it.
    @Override
    public void close() {
        connection.close();
        if (hosting != null) {
            hosting.host().close();
        }
    }
}
