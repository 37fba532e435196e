package confab.app.ui.start;

import confab.app.connect.AddressCheck;
import confab.app.connect.ChatConnection;
import confab.app.connect.Connector;
import confab.app.connect.Established;
import confab.app.connect.EventRelay;
import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// "Join a room": a host's address, a login and a password, either for an account that exists
/// or for one to create. Checks as the user types, connects in the background with progress and
/// a way to cancel, and explains each kind of failure in its own words.
public final class JoinFormViewModel {
    private final I18n i18n;
    private final Problems problems;
    private final SettingsStore settings;
    private final Connector connector;
    private final UiExecutor work;
    private final Consumer<Established> onConnected;

    private final Field host;
    private final Field login;
    private final Field password;
    private final BooleanProperty createAccount = new SimpleBooleanProperty(this, "create");
    private final ObservableList<String> recentHosts = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private UiExecutor.Job job;

    public JoinFormViewModel(
            I18n i18n,
            SettingsStore settings,
            Connector connector,
            UiExecutor work,
            Consumer<Established> onConnected) {
        this.i18n = i18n;
        this.problems = new Problems(i18n);
        this.settings = settings;
        this.connector = connector;
        this.work = work;
        this.onConnected = onConnected;
        FormChecks checks = new FormChecks(i18n);
        host = new Field(checks::address);
        login = new Field(checks::login);
        password = new Field(checks::password);
        recentHosts.setAll(settings.get().recentHosts());
        if (!recentHosts.isEmpty()) {
            host.textProperty().set(recentHosts.getFirst());
        }
        login.textProperty().set(settings.get().lastLogin());
        // a new attempt makes the last failure stale
        host.textProperty().addListener((o, a, b) -> failure.set(""));
        login.textProperty().addListener((o, a, b) -> failure.set(""));
        createAccount.addListener((o, a, b) -> failure.set(""));
    }

    public Field host() {
        return host;
    }

    public Field login() {
        return login;
    }

    public Field password() {
        return password;
    }

    /// `true` to create an account on the host, `false` to log in to one.
    public BooleanProperty createAccountProperty() {
        return createAccount;
    }

    /// Hosts joined before, most recent first.
    public ObservableList<String> recentHosts() {
        return recentHosts;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /// What is happening while busy ("Connecting to …").
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /// Why the last attempt failed, `""` when it did not.
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /// Checks every field and, when all are fine, connects and logs in (or registers) in the
    /// background. Nothing is sent anywhere while a field has a problem.
    public void connect() {
        if (busy.get()) {
            return;
        }
        List.of(host, login, password).forEach(Field::touch);
        failure.set("");
        HostAddress address = AddressCheck.parse(host.text());
        if (address == null || !login.isValid() || !password.isValid()) {
            return;
        }
        String name = login.text();
        char[] secret = password.text().toCharArray();
        boolean create = createAccount.get();
        EventRelay relay = new EventRelay(work);
        AtomicReference<Step> step = new AtomicReference<>(Step.CONNECT);
        busy.set(true);
        progress.set(i18n.get("join.progress.connecting", address.host(), port(address)));
        UiExecutor.Job[] started = new UiExecutor.Job[1];
        started[0] =
                work.submit(
                        () -> {
                            try {
                                ChatConnection connection = connector.connect(address, relay);
                                try {
                                    step.set(Step.ACCOUNT);
                                    say(
                                            started,
                                            create
                                                    ? "join.progress.register"
                                                    : "join.progress.login");
                                    if (create) {
                                        connection.register(name, secret);
                                        if (connection.login() == null) {
                                            connection.login(name, secret);
                                        }
                                    } else {
                                        connection.login(name, secret);
                                    }
                                    List<RoomInfo> rooms = connection.listRooms();
                                    return new Established(
                                            connection, relay, address, name, rooms, null, null);
                                } catch (Exception e) {
                                    connection.close();
                                    throw e;
                                }
                            } finally {
                                Arrays.fill(secret, '\0');
                            }
                        },
                        established -> {
                            finish();
                            settings.update(
                                    s -> s.withLastLogin(name).withRecentHost(host.text().strip()));
                            password.textProperty().set("");
                            onConnected.accept(established);
                        },
                        e -> {
                            finish();
                            failure.set(problems.describe(e, step.get(), address));
                        });
        job = started[0];
    }

    /// Gives up the attempt under way; a connection that is made anyway is closed.
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
        finish();
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

    static String port(HostAddress address) {
        return Integer.toString(address.port());
    }
}
