package confab.app.ui.host;

import confab.app.connect.HostActivity;
import confab.app.connect.HostLauncher.RunningHost;
import confab.app.connect.LanAddresses;
import confab.app.i18n.I18n;
import confab.app.ui.UiExecutor;
import confab.crypto.wire.EvictionReason;
import confab.crypto.wire.Message.RoomInfo;
import confab.host.Defence;
import confab.host.LoginRefusal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The host dashboard: where the embedded host listens, who is connected, which rooms are
/// active or idle, and what the host had to do (evictions, refused logins, defences). Fed by
/// the host's [HostActivity] calls, on the UI thread.
public final class HostDashboardViewModel implements HostActivity {

    /// A connection to the host.
    ///
    /// @param login `null` until it logs in
    public record Connection(long id, String remote, String login, Instant since) {}

    /// A room of the host.
    ///
    /// @param members who is in it now
    public record Room(String name, boolean active, List<String> members) {
        public Room {
            members = List.copyOf(members);
        }
    }

    /// Something the host did that the person hosting should know about.
    ///
    /// @param warning whether it is about a problem (an eviction, a refused login)
    public record Event(Instant time, String text, boolean warning) {}

    /// Most events kept; older ones drop off.
    public static final int MAX_EVENTS = 500;

    private final I18n i18n;
    private final UiExecutor work;
    private final InstantSource clock;
    private final RunningHost host;
    private final ObservableList<String> addresses = FXCollections.observableArrayList();
    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ObservableList<Room> rooms = FXCollections.observableArrayList();
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running =
            new ReadOnlyBooleanWrapper(this, "running", true);
    private final ReadOnlyBooleanWrapper stopping = new ReadOnlyBooleanWrapper(this, "stopping");

    public HostDashboardViewModel(
            I18n i18n,
            UiExecutor work,
            InstantSource clock,
            RunningHost host,
            List<RoomInfo> known) {
        this.i18n = i18n;
        this.work = work;
        this.clock = clock;
        this.host = host;
        addresses.setAll(host.joinAddresses().stream().map(LanAddresses::tidy).toList());
        for (RoomInfo info : known) {
            rooms.add(new Room(info.name(), info.active(), List.of()));
        }
    }

    /// What friends type to join ("ip:port").
    public ObservableList<String> addresses() {
        return FXCollections.unmodifiableObservableList(addresses);
    }

    /// What a second app on this machine types.
    public String localAddress() {
        return "127.0.0.1:" + host.port();
    }

    public int port() {
        return host.port();
    }

    public ObservableList<Connection> connections() {
        return FXCollections.unmodifiableObservableList(connections);
    }

    public ObservableList<Room> rooms() {
        return FXCollections.unmodifiableObservableList(rooms);
    }

    /// Newest last.
    public ObservableList<Event> events() {
        return FXCollections.unmodifiableObservableList(events);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stoppingProperty() {
        return stopping.getReadOnlyProperty();
    }

    /// Stops the host (in the background: it says goodbye to every connection), then runs
    /// `afterwards` on the UI thread. The view asks for confirmation first.
    public void stop(Runnable afterwards) {
        if (!running.get() || stopping.get()) {
            return;
        }
        stopping.set(true);
        work.submit(
                () -> {
                    host.close();
                    return Boolean.TRUE;
                },
                done -> stopped(afterwards),
                e -> stopped(afterwards));
    }

    private void stopped(Runnable afterwards) {
        stopping.set(false);
        running.set(false);
        connections.clear();
        rooms.replaceAll(r -> new Room(r.name(), false, List.of()));
        log(false, "host.event.stopped");
        afterwards.run();
    }

    @Override
    public void connectionOpened(long id, InetSocketAddress remote) {
        connections.add(new Connection(id, text(remote), null, clock.instant()));
    }

    @Override
    public void connectionClosed(long id, InetSocketAddress remote, String why) {
        connections.removeIf(c -> c.id() == id);
    }

    @Override
    public void loggedIn(long id, String login) {
        connections.replaceAll(
                c -> c.id() == id ? new Connection(id, c.remote(), login, c.since()) : c);
    }

    @Override
    public void loginFailed(InetSocketAddress remote, String login, LoginRefusal why) {
        log(
                true,
                "host.event.loginFailed",
                login,
                text(remote),
                i18n.get(
                        switch (why) {
                            case BAD_LOGIN -> "host.refusal.badLogin";
                            case BAD_ROOM_PASSWORD -> "host.refusal.badRoomPassword";
                            case THROTTLED -> "host.refusal.throttled";
                        }));
    }

    @Override
    public void roomCreated(String room, String by) {
        change(room, r -> r);
        log(false, "host.event.roomCreated", room, by);
    }

    @Override
    public void roomActive(String room) {
        change(room, r -> new Room(r.name(), true, r.members()));
    }

    @Override
    public void roomIdle(String room) {
        change(room, r -> new Room(r.name(), false, List.of()));
        log(false, "host.event.roomIdle", room);
    }

    @Override
    public void memberJoined(String room, String login) {
        change(room, r -> new Room(r.name(), true, plus(r.members(), login)));
    }

    @Override
    public void memberLeft(String room, String login) {
        change(room, r -> new Room(r.name(), r.active(), minus(r.members(), login)));
    }

    @Override
    public void memberEvicted(String room, String login, EvictionReason reason) {
        change(room, r -> new Room(r.name(), r.active(), minus(r.members(), login)));
        log(true, "host.event.evicted", login, room, i18n.get("eviction." + reason.name()));
    }

    @Override
    public void defended(InetSocketAddress remote, Defence what) {
        log(
                true,
                "host.event.defended",
                text(remote),
                i18n.get(
                        switch (what) {
                            case CONNECTION_CAP -> "host.defence.connectionCap";
                            case BAD_INPUT -> "host.defence.badInput";
                            case REQUEST_FLOOD -> "host.defence.requestFlood";
                            case HANDSHAKE_TIMEOUT -> "host.defence.handshakeTimeout";
                            case READ_TIMEOUT -> "host.defence.readTimeout";
                        }));
    }

    private void change(String name, UnaryOperator<Room> how) {
        for (int i = 0; i < rooms.size(); i++) {
            if (rooms.get(i).name().equals(name)) {
                rooms.set(i, how.apply(rooms.get(i)));
                return;
            }
        }
        rooms.add(how.apply(new Room(name, false, List.of())));
    }

    private void log(boolean warning, String key, Object... args) {
        events.add(new Event(clock.instant(), i18n.get(key, args), warning));
        if (events.size() > MAX_EVENTS) {
            events.remove(0, events.size() - MAX_EVENTS);
        }
    }

    private static List<String> plus(List<String> members, String login) {
        if (members.contains(login)) {
            return members;
        }
        List<String> more = new ArrayList<>(members);
        more.add(login);
        return more;
    }

    private static List<String> minus(List<String> members, String login) {
        List<String> fewer = new ArrayList<>(members);
        fewer.remove(login);
        return fewer;
    }

    private static String text(InetSocketAddress remote) {
        if (remote == null) {
            return "?";
        }
        String host =
                remote.getAddress() == null
                        ? remote.getHostString()
                        : remote.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort();
    }
}
