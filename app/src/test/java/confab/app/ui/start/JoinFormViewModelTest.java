package confab.app.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.connect.Connector;
import confab.app.connect.Established;
import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.app.session.SessionException.Kind;
import confab.app.settings.Settings;
import confab.app.settings.SettingsStore;
import confab.app.ui.DirectUiExecutor;
import confab.app.ui.FakeConnection;
import confab.app.ui.ManualUiExecutor;
import confab.app.ui.UiExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinFormViewModelTest {
    private final I18n i18n = I18n.forLocale(Locale.ENGLISH);
    private final FakeConnection connection = new FakeConnection();
    private final List<HostAddress> dialled = new ArrayList<>();
    private final List<Established> connected = new ArrayList<>();
    private SessionException connectFailure;
    private final Connector connector =
            (address, listener) -> {
                dialled.add(address);
                if (connectFailure != null) {
                    throw connectFailure;
                }
                return connection;
            };

    @TempDir Path dir;

    private JoinFormViewModel form(SettingsStore settings, UiExecutor work) {
        return new JoinFormViewModel(i18n, settings, connector, work, connected::add);
    }

    private JoinFormViewModel filledForm() {
        JoinFormViewModel vm =
                form(SettingsStore.inMemory(Settings.defaults()), new DirectUiExecutor());
        vm.host().textProperty().set("127.0.0.1:7400");
        vm.login().textProperty().set("ann");
        vm.password().textProperty().set("secret pw");
        return vm;
    }

    @Test
    void anUntouchedFormShowsNoProblems() {
        JoinFormViewModel vm =
                form(SettingsStore.inMemory(Settings.defaults()), new DirectUiExecutor());

        assertThat(vm.host().messageProperty().get()).isEmpty();
        assertThat(vm.login().messageProperty().get()).isEmpty();
    }

    @Test
    void aTypoInTheAddressIsExplainedAsItIsTyped() {
        JoinFormViewModel vm = filledForm();

        vm.host().textProperty().set("127.0.0..1");

        assertThat(vm.host().messageProperty().get()).isEqualTo(i18n.get("check.address.badHost"));
    }

    @Test
    void aBadPortIsExplainedAsSuch() {
        JoinFormViewModel vm = filledForm();

        vm.host().textProperty().set("127.0.0.1:70000");

        assertThat(vm.host().messageProperty().get()).isEqualTo(i18n.get("check.address.badPort"));
    }

    @Test
    void aTypoIsRefusedBeforeConnecting() {
        JoinFormViewModel vm = filledForm();
        vm.host().textProperty().set("127.0.0..1:7331");

        vm.connect();

        assertThat(dialled).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void connectingWithEmptyFieldsShowsEveryProblem() {
        JoinFormViewModel vm =
                form(SettingsStore.inMemory(Settings.defaults()), new DirectUiExecutor());

        vm.connect();

        assertThat(vm.host().messageProperty().get()).isEqualTo(i18n.get("check.address.empty"));
        assertThat(vm.login().messageProperty().get()).isEqualTo(i18n.get("check.login.empty"));
        assertThat(vm.password().messageProperty().get())
                .isEqualTo(i18n.get("check.password.empty"));
        assertThat(dialled).isEmpty();
    }

    @Test
    void aLoginWithASpaceIsRefused() {
        JoinFormViewModel vm = filledForm();

        vm.login().textProperty().set("ann smith");

        assertThat(vm.login().messageProperty().get()).isEqualTo(i18n.get("check.login.badChars"));
    }

    @Test
    void logsInToTheTypedAddressAndHandsOverTheConnection() {
        JoinFormViewModel vm = filledForm();

        vm.connect();

        assertThat(dialled).containsExactly(new HostAddress("127.0.0.1", 7400));
        assertThat(connection.calls).startsWith("login ann");
        assertThat(connection.passwords.get("login")).isEqualTo("secret pw");
        assertThat(connected).hasSize(1);
        assertThat(connected.getFirst().login()).isEqualTo("ann");
        assertThat(connected.getFirst().hosting()).isNull();
    }

    @Test
    void createAccountRegistersInsteadOfLoggingIn() {
        JoinFormViewModel vm = filledForm();
        vm.createAccountProperty().set(true);

        vm.connect();

        assertThat(connection.calls).startsWith("register ann");
        assertThat(connection.calls).doesNotContain("login ann");
    }

    @Test
    void eachFailureHasItsOwnMessage() {
        Set<String> messages = new HashSet<>();
        List<Kind> kinds =
                List.of(
                        Kind.UNREACHABLE,
                        Kind.REFUSED,
                        Kind.TIMED_OUT,
                        Kind.INCOMPATIBLE_VERSION,
                        Kind.HOST_FULL);
        for (Kind kind : kinds) {
            connectFailure = FakeConnection.error(kind);
            JoinFormViewModel vm = filledForm();
            vm.connect();
            messages.add(vm.failureProperty().get());
        }
        connectFailure = null;
        for (Kind kind : List.of(Kind.BAD_CREDENTIALS, Kind.LOGIN_TAKEN)) {
            connection.failures.put(
                    kind == Kind.LOGIN_TAKEN ? "register" : "login", FakeConnection.error(kind));
            JoinFormViewModel vm = filledForm();
            vm.createAccountProperty().set(kind == Kind.LOGIN_TAKEN);
            vm.connect();
            messages.add(vm.failureProperty().get());
        }

        assertThat(messages).hasSize(kinds.size() + 2).doesNotContain("");
        assertThat(connected).isEmpty();
    }

    @Test
    void refusedNamesTheHostAndPort() {
        connectFailure = FakeConnection.error(Kind.REFUSED);
        JoinFormViewModel vm = filledForm();

        vm.connect();

        assertThat(vm.failureProperty().get()).contains("127.0.0.1").contains("7400");
    }

    @Test
    void aWrongPasswordClosesTheConnection() {
        connection.failures.put("login", FakeConnection.error(Kind.BAD_CREDENTIALS));
        JoinFormViewModel vm = filledForm();

        vm.connect();

        assertThat(vm.failureProperty().get()).isEqualTo(i18n.get("error.badLogin"));
        assertThat(connection.closed).isTrue();
    }

    @Test
    void progressShowsWhileConnecting() {
        ManualUiExecutor work = new ManualUiExecutor();
        JoinFormViewModel vm = form(SettingsStore.inMemory(Settings.defaults()), work);
        vm.host().textProperty().set("10.0.0.9");
        vm.login().textProperty().set("ann");
        vm.password().textProperty().set("pw");

        vm.connect();

        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.progressProperty().get()).contains("10.0.0.9").contains("7331");
    }

    @Test
    void cancelGivesUpAndClosesALateConnection() {
        ManualUiExecutor work = new ManualUiExecutor();
        JoinFormViewModel vm = form(SettingsStore.inMemory(Settings.defaults()), work);
        vm.host().textProperty().set("10.0.0.9");
        vm.login().textProperty().set("ann");
        vm.password().textProperty().set("pw");
        vm.connect();

        vm.cancel();
        work.runNext();

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(connected).isEmpty();
        assertThat(connection.closed).isTrue();
    }

    @Test
    void remembersTheHostAndLoginButNeverThePassword() throws IOException {
        Path file = dir.resolve("settings.properties");
        JoinFormViewModel vm = form(SettingsStore.open(file), new DirectUiExecutor());
        vm.host().textProperty().set("10.0.0.9:7400");
        vm.login().textProperty().set("ann");
        vm.password().textProperty().set("hunter2-secret");

        vm.connect();

        String saved = Files.readString(file);
        assertThat(saved).contains("10.0.0.9\\:7400").contains("ann").doesNotContain("hunter2");
        JoinFormViewModel again = form(SettingsStore.open(file), new DirectUiExecutor());
        assertThat(again.host().text()).isEqualTo("10.0.0.9:7400");
        assertThat(again.login().text()).isEqualTo("ann");
        assertThat(again.password().text()).isEmpty();
    }
}
