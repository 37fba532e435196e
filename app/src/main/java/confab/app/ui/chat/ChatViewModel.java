package confab.app.ui.chat;

import confab.app.connect.ChatConnection;
import confab.app.connect.Established;
import confab.app.i18n.I18n;
import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.app.session.SessionListener;
import confab.app.ui.Field;
import confab.app.ui.FormChecks;
import confab.app.ui.Problems;
import confab.app.ui.Problems.Step;
import confab.app.ui.UiExecutor;
import confab.crypto.wire.Message.RoomInfo;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The chat window: the host's rooms with unread counts, the selected room's messages and
/// members, the composer, and the state of the connection. Takes the connection's events on the
/// UI thread and does every network call through the [UiExecutor].
public final class ChatViewModel implements SessionListener {
    /// The longest message the session sends.
    public static final int MAX_TEXT = ClientSession.MAX_TEXT;

    private static final String MAX_TEXT_TEXT = Integer.toString(MAX_TEXT);

    /// How the connection to the host is doing.
    public enum ConnectionState {
        ONLINE,
        RECONNECTING,
        HOST_STOPPED,
        GAVE_UP,
        CLOSED
    }

    private final I18n i18n;
    private final Problems problems;
    private final UiExecutor work;
    private final InstantSource clock;
    private final ChatConnection connection;
    private final HostAddress address;
    private final String login;
    private final boolean hosting;
    private final DateTimeFormatter timeFormat;

    private final ObservableList<RoomViewModel> rooms = FXCollections.observableArrayList();
    private final ObjectProperty<RoomViewModel> selected = new SimpleObjectProperty<>(this, "room");
    private final ReadOnlyObjectWrapper<ConnectionState> state =
            new ReadOnlyObjectWrapper<>(this, "state", ConnectionState.ONLINE);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyStringWrapper counter = new ReadOnlyStringWrapper(this, "counter", "");
    private final ReadOnlyBooleanWrapper tooLong = new ReadOnlyBooleanWrapper(this, "tooLong");
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(this, "canSend");
    private final Field joinPassword;
    private final ReadOnlyStringWrapper joinFailure = new ReadOnlyStringWrapper(this, "jf", "");
    private final ReadOnlyBooleanWrapper joining = new ReadOnlyBooleanWrapper(this, "joining");
    private final Field newRoomName;
    private final Field newRoomPassword;
    private final ReadOnlyStringWrapper createFailure = new ReadOnlyStringWrapper(this, "cf", "");
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating");

    public ChatViewModel(I18n i18n, UiExecutor work, InstantSource clock, Established session) {
        this.i18n = i18n;
        this.problems = new Problems(i18n);
        this.work = work;
        this.clock = clock;
        this.connection = session.connection();
        this.address = session.address();
        this.login = session.login();
        this.hosting = session.hosting() != null;
        this.timeFormat =
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(i18n.locale())
                        .withZone(ZoneId.systemDefault());
        FormChecks checks = new FormChecks(i18n);
        joinPassword = new Field(checks::roomPassword);
        newRoomName = new Field(checks::room);
        newRoomPassword = new Field(checks::roomPassword);
        showRooms(session.rooms());
        if (session.joined() != null) {
            room(session.joined()).joined(List.of());
            selected.set(room(session.joined()));
        }
        selected.addListener(
                (obs, old, now) -> {
                    if (now != null) {
                        now.markRead();
                    }
                    joinPassword.textProperty().set("");
                    joinFailure.set("");
                    updateComposer();
                });
        draft.addListener((obs, old, now) -> updateComposer());
        state.addListener((obs, old, now) -> updateComposer());
        updateComposer();
        session.events().attach(this);
    }

    /// The user's login.
    public String login() {
        return login;
    }

    /// Where the app is connected ("host:port").
    public String address() {
        return address.host() + ":" + address.port();
    }

    /// The host's port.
    public int port() {
        return address.port();
    }

    /// Whether this app runs the host.
    public boolean hosting() {
        return hosting;
    }

    public ObservableList<RoomViewModel> rooms() {
        return FXCollections.unmodifiableObservableList(rooms);
    }

    /// The room shown; the view binds its room list selection to it.
    public ObjectProperty<RoomViewModel> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /// What is wrong with the connection ("Reconnecting…", "The host stopped"), `""` while
    /// all is well.
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /// The last problem the host reported or an action ran into, `""` for none.
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public void dismissProblem() {
        problem.set("");
    }

    /// The message being typed.
    public StringProperty draftProperty() {
        return draft;
    }

    /// "123 / 4000".
    public ReadOnlyStringProperty counterProperty() {
        return counter.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tooLongProperty() {
        return tooLong.getReadOnlyProperty();
    }

    /// Whether [#send()] would send: online, in the shown room, and a draft within the limit.
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    /// The password typed to join the shown room.
    public Field joinPassword() {
        return joinPassword;
    }

    public ReadOnlyStringProperty joinFailureProperty() {
        return joinFailure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty joiningProperty() {
        return joining.getReadOnlyProperty();
    }

    public Field newRoomName() {
        return newRoomName;
    }

    public Field newRoomPassword() {
        return newRoomPassword;
    }

    public ReadOnlyStringProperty createFailureProperty() {
        return createFailure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    /// Time of day of a line, in the UI language's short form.
    public String timeOf(ChatLine line) {
        return timeFormat.format(line.time());
    }

    /// The lines as text for the clipboard: the bare text for one message, "[time] sender:
    /// text" lines for several.
    public String copyText(List<ChatLine> lines) {
        if (lines.size() == 1) {
            return lines.getFirst().text();
        }
        return lines.stream()
                .map(
                        l ->
                                "["
                                        + timeOf(l)
                                        + "] "
                                        + (l.sender() == null ? "" : l.sender() + ": ")
                                        + l.text())
                .collect(Collectors.joining("\n"));
    }

    /// Sends the draft to the shown room and clears it (a room that went idle wakes up on the
    /// host when the message arrives). On failure the draft comes back and the problem is shown.
    public void send() {
        updateComposer();
        RoomViewModel room = selected.get();
        if (!canSend.get() || room == null) {
            return;
        }
        String text = draft.get().strip();
        draft.set("");
        work.submit(
                () -> {
                    connection.send(room.name(), text);
                    return text;
                },
                sent -> {},
                e -> {
                    if (draft.get().isEmpty()) {
                        draft.set(text);
                    }
                    problem.set(problems.describe(e, Step.SEND, address));
                });
    }

    /// Joins the shown room with the typed password.
    public void join() {
        RoomViewModel room = selected.get();
        if (room == null || room.isJoined() || joining.get()) {
            return;
        }
        joinPassword.touch();
        joinFailure.set("");
        if (!joinPassword.isValid()) {
            return;
        }
        char[] secret = joinPassword.text().toCharArray();
        joining.set(true);
        work.submit(
                () -> {
                    connection.joinRoom(room.name(), secret, room.latestSeq());
                    return secret;
                },
                done -> {
                    joining.set(false);
                    joinPassword.textProperty().set("");
                    // the RoomJoined event fills in the members; the password is kept for waking
                    room.joined(List.copyOf(room.members()));
                    Arrays.fill(done, '\0');
                    updateComposer();
                },
                e -> {
                    joining.set(false);
                    Arrays.fill(secret, '\0');
                    joinFailure.set(problems.describe(e, Step.ROOM, address));
                });
    }

    /// Creates a room with the typed name and password, joins it and shows it.
    public void createRoom() {
        if (creating.get()) {
            return;
        }
        newRoomName.touch();
        newRoomPassword.touch();
        createFailure.set("");
        if (!newRoomName.isValid() || !newRoomPassword.isValid()) {
            return;
        }
        String name = newRoomName.text();
        char[] secret = newRoomPassword.text().toCharArray();
        creating.set(true);
        work.submit(
                () -> {
                    connection.createRoom(name, secret);
                    connection.joinRoom(name, secret, 0);
                    return secret;
                },
                done -> {
                    creating.set(false);
                    newRoomName.textProperty().set("");
                    newRoomPassword.textProperty().set("");
                    RoomViewModel room = room(name);
                    room.joined(List.copyOf(room.members()));
                    Arrays.fill(done, '\0');
                    selected.set(room);
                },
                e -> {
                    creating.set(false);
                    Arrays.fill(secret, '\0');
                    createFailure.set(problems.describe(e, Step.ROOM, address));
                });
    }

    /// Asks the host for its rooms again (others may have created some).
    public void refreshRooms() {
        work.submit(
                connection::listRooms,
                this::showRooms,
                e -> problem.set(problems.describe(e, Step.CONNECT, address)));
    }

    /// Leaves the shown room.
    public void leave() {
        RoomViewModel room = selected.get();
        if (room == null || !room.isJoined()) {
            return;
        }
        work.submit(
                () -> {
                    connection.leaveRoom(room.name());
                    return room;
                },
                done -> {
                    done.left();
                    done.markPendingUnsent(); // the session dropped them with the room
                    updateComposer();
                },
                e -> problem.set(problems.describe(e, Step.ROOM, address)));
    }

    /// Shows the next room in the list (`step` 1) or the previous one (-1), wrapping around.
    public void selectNext(int step) {
        if (rooms.isEmpty()) {
            return;
        }
        int at = rooms.indexOf(selected.get());
        int next = at < 0 ? 0 : Math.floorMod(at + step, rooms.size());
        selected.set(rooms.get(next));
    }

    /// Ends the connection (the user leaves the chat or the app closes).
    public void close() {
        state.set(ConnectionState.CLOSED);
        connection.close();
    }

    /// The user stopped the host this app ran: the connection to it is gone for good.
    public void hostStoppedByUser() {
        close();
        state.set(ConnectionState.HOST_STOPPED);
        banner.set(i18n.get("chat.banner.youStopped"));
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (state.get() == ConnectionState.CLOSED
                || (state.get() == ConnectionState.HOST_STOPPED && hosting)) {
            return;
        }
        switch (event) {
            case SessionEvent.Connected c -> {}
            case SessionEvent.ConnectionLost lost -> {
                // after "the host stopped" the session still retries: say both
                boolean stopped = state.get() == ConnectionState.HOST_STOPPED;
                if (!stopped) {
                    state.set(ConnectionState.RECONNECTING);
                }
                banner.set(
                        i18n.get(
                                stopped
                                        ? "chat.banner.hostStopped.retry"
                                        : "chat.banner.reconnecting",
                                seconds(lost.retryIn()),
                                Integer.toString(lost.attempt())));
            }
            case SessionEvent.Reconnected r -> {
                state.set(ConnectionState.ONLINE);
                banner.set("");
            }
            case SessionEvent.HostStopped stopped -> {
                state.set(ConnectionState.HOST_STOPPED);
                banner.set(i18n.get("chat.banner.hostStopped"));
            }
            case SessionEvent.GaveUp gaveUp -> {
                state.set(ConnectionState.GAVE_UP);
                banner.set(
                        i18n.get(
                                "chat.banner.gaveUp",
                                problems.describe(gaveUp.kind(), Step.ACCOUNT, address)));
            }
            case SessionEvent.RoomJoined joined -> {
                RoomViewModel room = room(joined.room());
                room.joined(joined.members());
                if (selected.get() == null) {
                    selected.set(room);
                }
            }
            case SessionEvent.MessageReceived m -> {
                RoomViewModel room = room(m.room());
                room.awake();
                if (room.addMessage(m.seq(), m.sender(), m.text(), m.sentAt(), m.own())
                        && !m.own()
                        && room != selected.get()) {
                    room.countUnread();
                }
            }
            case SessionEvent.MessageRejected r ->
                    room(r.room())
                            .addNotice(
                                    ChatLine.Kind.REJECTED,
                                    r.sender(),
                                    i18n.get("chat.notice.rejected", r.sender(), r.why()),
                                    clock.instant());
            case SessionEvent.MessagePending p ->
                    room(p.room()).addPending(login, p.text(), clock.instant());
            case SessionEvent.MemberJoined j -> {
                RoomViewModel room = room(j.room());
                if (room.addMember(j.login()) && !j.login().equals(login)) {
                    notice(room, "chat.notice.joined", j.login());
                }
            }
            case SessionEvent.MemberLeft l -> {
                RoomViewModel room = room(l.room());
                if (room.removeMember(l.login())) {
                    notice(room, "chat.notice.left", l.login());
                }
            }
            case SessionEvent.MemberEvicted ev -> {
                RoomViewModel room = room(ev.room());
                room.removeMember(ev.login());
                room.addNotice(
                        ChatLine.Kind.NOTICE,
                        null,
                        i18n.get(
                                "chat.notice.evicted",
                                ev.login(),
                                i18n.get("eviction." + ev.reason().name())),
                        clock.instant());
            }
            case SessionEvent.RoomIdle idle -> {
                RoomViewModel room = room(idle.room());
                room.wentIdle();
                notice(room, "chat.notice.idle");
            }
            case SessionEvent.Problem p -> problem.set(problems.describe(p.code(), p.text()));
            case SessionEvent.RejoinFailed f -> {
                String why = problems.describe(f.code(), f.code().name());
                String text =
                        f.unsent() == 0
                                ? i18n.get("chat.problem.rejoin", f.room(), why)
                                : i18n.get("chat.problem.rejoinUnsent", f.room(), why, f.unsent());
                problem.set(text);
                RoomViewModel room = room(f.room());
                room.left(); // the session dropped it: joining again needs the user
                room.markPendingUnsent(); // the notice then follows the lines it explains
                room.addNotice(ChatLine.Kind.NOTICE, null, text, clock.instant());
            }
        }
        updateComposer();
    }

    private void notice(RoomViewModel room, String key, Object... args) {
        room.addNotice(ChatLine.Kind.NOTICE, null, i18n.get(key, args), clock.instant());
    }

    private void showRooms(List<RoomInfo> infos) {
        List<RoomViewModel> added = new ArrayList<>();
        for (RoomInfo info : infos) {
            RoomViewModel room = find(info.name());
            if (room == null) {
                room = new RoomViewModel(info.name(), i18n.locale());
                added.add(room);
            }
            room.hostSays(info.active(), info.members());
        }
        rooms.addAll(added);
    }

    private RoomViewModel find(String name) {
        for (RoomViewModel room : rooms) {
            if (room.name().equals(name)) {
                return room;
            }
        }
        return null;
    }

    // Events may name a room the list does not show yet (created by someone else).
    private RoomViewModel room(String name) {
        RoomViewModel room = find(name);
        if (room == null) {
            room = new RoomViewModel(name, i18n.locale());
            rooms.add(room);
        }
        return room;
    }

    private void updateComposer() {
        String text = draft.get() == null ? "" : draft.get();
        int length = text.length();
        counter.set(i18n.get("chat.composer.counter", Integer.toString(length), MAX_TEXT_TEXT));
        tooLong.set(length > MAX_TEXT);
        RoomViewModel room = selected.get();
        canSend.set(
                state.get() == ConnectionState.ONLINE
                        && room != null
                        && room.isJoined()
                        && !text.isBlank()
                        && length <= MAX_TEXT);
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
