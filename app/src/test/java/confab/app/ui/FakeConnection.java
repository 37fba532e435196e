package confab.app.ui;

import confab.app.connect.ChatConnection;
import confab.app.session.SessionException;
import confab.crypto.wire.Message.RoomInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// A [ChatConnection] that records what it was asked and fails where a test says.
public final class FakeConnection implements ChatConnection {
    /// Calls in order, as "method arg arg".
    public final List<String> calls = new ArrayList<>();

    /// Passwords as they were passed, by method.
    public final Map<String, String> passwords = new HashMap<>();

    /// Failures to throw, by method name.
    public final Map<String, SessionException> failures = new HashMap<>();

    public List<RoomInfo> rooms = new ArrayList<>();
    public boolean closed;
    private String login;

    public static SessionException error(SessionException.Kind kind) {
        return new SessionException(kind, kind.name().toLowerCase());
    }

    private void call(String method, String... args) throws SessionException {
        calls.add(method + (args.length == 0 ? "" : " " + String.join(" ", args)));
        SessionException failure = failures.get(method);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void register(String name, char[] password) throws SessionException {
        passwords.put("register", new String(password));
        call("register", name);
        login = name;
    }

    @Override
    public void login(String name, char[] password) throws SessionException {
        passwords.put("login", new String(password));
        call("login", name);
        login = name;
    }

    @Override
    public String login() {
        return login;
    }

    @Override
    public List<RoomInfo> listRooms() throws SessionException {
        call("listRooms");
        return List.copyOf(rooms);
    }

    @Override
    public void createRoom(String name, char[] password) throws SessionException {
        passwords.put("createRoom", new String(password));
        call("createRoom", name);
    }

    @Override
    public void joinRoom(String name, char[] password, long lastSeq) throws SessionException {
        passwords.put("joinRoom", new String(password));
        call("joinRoom", name, Long.toString(lastSeq));
    }

    @Override
    public void leaveRoom(String name) throws SessionException {
        call("leaveRoom", name);
    }

    @Override
    public void send(String room, String text) throws SessionException {
        call("send", room, text);
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
