package confab.app.connect;

import confab.app.session.SessionException;
import confab.crypto.wire.Message.RoomInfo;
import java.util.List;

/// What the view-models need from a connection to a host: the calls of
/// [confab.app.session.ClientSession], as an interface so that view-model tests can use a fake.
/// Every method but [#login()] and [#isConnected()] may block on the network.
public interface ChatConnection extends AutoCloseable {
    void register(String login, char[] password) throws SessionException;

    void login(String login, char[] password) throws SessionException;

    /// The login this connection is logged in as, or `null` before.
    String login();

    List<RoomInfo> listRooms() throws SessionException;

    void createRoom(String name, char[] password) throws SessionException;

    void joinRoom(String name, char[] password, long lastSeq) throws SessionException;

    void leaveRoom(String name) throws SessionException;

    /// Seals and sends `text` to `room`.
    void send(String room, String text) throws SessionException;

    boolean isConnected();

    /// Ends the connection; never throws.
    @Override
    void close();
}
