package confab.app.ui.start;

import confab.app.connect.AddressCheck;
import confab.app.connect.ChatConnection;
import confab.app.connect.Connector;
import confab.app.connect.Established;
import confab.app.connect.EventRelay;
import confab.app.connect.HostActivityRelay;
import confab.app.connect.HostLauncher;
import confab.app.connect.LanAddresses;
import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.app.settings.SettingsStore;
import confab.app.ui.Field;
import confab.app.ui.FormChecks;
import confab.app.ui.Problems;
import confab.app.ui.Problems.Step;
import confab.app.ui.UiExecutor;
import confab.crypto.wire.Message.RoomInfo;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// "Host a room": starts the host inside the app on a chosen port, logs the user in to it over
/// loopback like any member (creating the account the first time), creates the room (or opens
/// it when it exists) and joins it. Shows the addresses friends can type.
public final class HostFormViewModel {
    /// The host's own user reaches it here; friends use the LAN addresses.
    public static final String LOOPBACK = "127.0.0.1";

    private final I18n i18n;
    private final Problems problems;
    private final SettingsStore settings;
    private final HostLauncher launcher;
    private final Connector connector;
    private final UiExecutor work;
    private final IntSupplier freePort;
    private final List<String> lanAddresses;
    private final Consumer<Established> onStarted;

    private final Field port;
    private final Field login;
    private final Field password;
    private final Field room;
    private final Field roomPassword;
    private final ObservableList<String> addresses = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper localAddress = new ReadOnlyStringWrapper(this, "local", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private UiExecutor.Job job;

    /// @param freePort finds a port nothing listens on
    /// @param lanAddresses this machine's LAN addresses, without ports
    public HostFormViewModel(
            I18n i18n,
            SettingsStore settings,
            HostLauncher launcher,
            Connector connector,
            UiExecutor work,
            IntSupplier freePort,
            List<String> lanAddresses,
            Consumer<Established> onStarted) {
        this.i18n = i18n;
        this.problems = new Problems(i18n);
        this.settings = settings;
        this.launcher = launcher;
        this.connector = connector;
        this.work = work;
        this.freePort = freePort;
        this.lanAddresses = List.copyOf(lanAddresses);
        this.onStarted = onStarted;
        FormChecks checks = new FormChecks(i18n);
        port = new Field(checks::port);
        login = new Field(checks::login);
        password = new Field(checks::password);
        room = new Field(checks::room);
        roomPassword = new Field(checks::roomPassword);
        port.textProperty().addListener((o, a, b) -> showAddresses());
        port.textProperty().set(Integer.toString(settings.get().hostPort()));
        login.textProperty().set(settings.get().lastLogin());
        room.textProperty().set(settings.get().lastRoom());
        List.of(port, login, room)
                .forEach(f -> f.textProperty().addListener((o, a, b) -> failure.set("")));
    }

    public Field port() {
        return port;
    }

    public Field login() {
        return login;
    }

    public Field password() {
        return password;
    }

    public Field room() {
        return room;
    }

    public Field roomPassword() {
        return roomPassword;
    }

    /// What friends on the network can type to join ("ip:port"), for the chosen port; empty
    /// while the port is not valid or the machine has no network address.
    public ObservableList<String> addresses() {
        return addresses;
    }

    /// What a second app on this machine can type.
    public ReadOnlyStringProperty localAddressProperty() {
        return localAddress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /// Puts a port that is free right now into the port field.
    public void pickFreePort() {
        port.textProperty().set(Integer.toString(freePort.getAsInt()));
    }

    /// Checks every field, then starts the host and joins the room in the background.
    public void start() {
        if (busy.get()) {
            return;
        }
        List<Field> fields = List.of(port, login, password, room, roomPassword);
        fields.forEach(Field::touch);
        failure.set("");
        if (!fields.stream().allMatch(Field::isValid)) {
            return;
        }
        int chosenPort = Integer.parseInt(port.text().strip());
        String name = login.text();
        String roomName = room.text();
        char[] secret = password.text().toCharArray();
        char[] roomSecret = roomPassword.text().toCharArray();
        EventRelay relay = new EventRelay(work);
        HostActivityRelay activity = new HostActivityRelay();
        AtomicReference<Step> step = new AtomicReference<>(Step.CONNECT);
        AtomicReference<HostAddress> reached = new AtomicReference<>();
        UiExecutor.Job[] started = new UiExecutor.Job[1];
        busy.set(true);
        progress.set(i18n.get("host.progress.starting", Integer.toString(chosenPort)));
        started[0] =
                work.submit(
                        () -> {
                            HostLauncher.RunningHost host = launcher.start(chosenPort, activity);
                            try {
                                HostAddress self = new HostAddress(LOOPBACK, host.port());
                                reached.set(self);
                                ChatConnection connection = connector.connect(self, relay);
                                try {
                                    step.set(Step.ACCOUNT);
                                    say(started, "host.progress.account");
                                    logIn(connection, name, secret);
                                    step.set(Step.ROOM);
                                    say(started, "host.progress.room");
                                    openRoom(connection, roomName, roomSecret);
                                    List<RoomInfo> rooms = connection.listRooms();
                                    return new Established(
                                            connection,
                                            relay,
                                            self,
                                            name,
                                            rooms,
                                            roomName,
                                            new Established.Hosting(host, activity));
                                } catch (Exception e) {
                                    connection.close();
                                    throw e;
                                }
                            } catch (Exception e) {
                                host.close();
                                throw e;
                            } finally {
                                Arrays.fill(secret, '\0');
                                Arrays.fill(roomSecret, '\0');
                            }
                        },
                        established -> {
                            finish();
                            settings.update(
                                    s ->
                                            s.withLastLogin(name)
                                                    .withHostPort(
                                                            established.hosting().host().port())
                                                    .withLastRoom(roomName));
                            password.textProperty().set("");
                            roomPassword.textProperty().set("");
                            onStarted.accept(established);
                        },
                        e -> {
                            finish();
                            failure.set(problems.describe(e, step.get(), reached.get()));
                        });
        job = started[0];
    }

    /// Gives up starting; a host or connection that starts anyway is stopped.
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
        finish();
    }

    // The account on one's own host: created the first time, logged in to after that.
    private static void logIn(ChatConnection connection, String name, char[] secret)
            throws SessionException {
        try {
            connection.register(name, secret);
            if (connection.login() == null) {
                connection.login(name, secret);
            }
        } catch (SessionException e) {
            if (e.kind() != SessionException.Kind.LOGIN_TAKEN) {
                throw e;
            }
            connection.login(name, secret);
        }
    }

    private static void openRoom(ChatConnection connection, String room, char[] secret)
            throws SessionException {
        try {
            connection.createRoom(room, secret);
        } catch (SessionException e) {
            if (e.kind() != SessionException.Kind.ROOM_EXISTS) {
                throw e;
            }
        }
        connection.joinRoom(room, secret, 0);
    }

    private void showAddresses() {
        String text = port.text().strip();
        if (!AddressCheck.isPort(text)) {
            addresses.clear();
            localAddress.set("");
            return;
        }
        int p = Integer.parseInt(text);
        addresses.setAll(lanAddresses.stream().map(a -> LanAddresses.withPort(a, p)).toList());
        localAddress.set(LanAddresses.withPort(LOOPBACK, p));
    }

    private void say(UiExecutor.Job[] started, String key) {
        work.onUi(
                () -> {
                    if (started[0] == null || !started[0].isCancelled()) {
                        progress.set(i18n.get(key));
                    }
                });
    }

    private void finish() {
        job = null;
        busy.set(false);
        progress.set("");
    }
}
