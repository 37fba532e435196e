package confab.app.connect;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.app.session.SessionListener;
import confab.crypto.wire.Message.RoomInfo;
import java.time.Duration;
import java.util.List;

/// [Connector] over the real [ClientSession].
public final class SessionConnector implements Connector {
    private final Duration timeout;
    private final ClientSession.Options options;

    /// @param options the session's tuning; tests pass a cheaper key derivation
    public SessionConnector(Duration timeout, ClientSession.Options options) {
        this.timeout = timeout;
        this.options = options;
    }

    /// With the session's defaults.
    public SessionConnector() {
        this(ClientSession.DEFAULT_CONNECT_TIMEOUT, ClientSession.Options.DEFAULT);
    }

    @Override
    public ChatConnection connect(HostAddress address, SessionListener listener)
            throws SessionException {
        return new SessionConnection(ClientSession.connect(address, timeout, listener, options));
    }

    private record SessionConnection(ClientSession session) implements ChatConnection {
        @Override
        public void register(String login, char[] password) throws SessionException {
            session.register(login, password);
        }

        @Override
        public void login(String login, char[] password) throws SessionException {
            session.login(login, password);
        }

        @Override
        public String login() {
            return session.login();
        }

        @Override
        public List<RoomInfo> listRooms() throws SessionException {
            return session.listRooms();
        }

        @Override
        public void createRoom(String name, char[] password) throws SessionException {
            session.createRoom(name, password);
        }

        @Override
        public void joinRoom(String name, char[] password, long lastSeq) throws SessionException {
            session.joinRoom(name, password, lastSeq);
        }

        @Override
        public void leaveRoom(String name) throws SessionException {
            session.leaveRoom(name);
        }

        @Override
        public void send(String room, String text) throws SessionException {
            session.send(room, text);
        }

        @Override
        public boolean isConnected() {
            return session.isConnected();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
