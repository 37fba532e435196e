package confab.app.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.connect.Connector;
import confab.app.connect.Established;
import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionException.Kind;
import confab.app.settings.Settings;
import confab.app.settings.SettingsStore;
import confab.app.ui.DirectUiExecutor;
import confab.app.ui.FakeConnection;
import confab.app.ui.FakeHost;
import confab.app.ui.ManualUiExecutor;
import confab.app.ui.UiExecutor;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HostFormViewModelTest {
    private final I18n i18n = I18n.forLocale(Locale.ENGLISH);
    private final FakeHost host = new FakeHost();
    private final FakeConnection connection = new FakeConnection();
    private final List<HostAddress> dialled = new ArrayList<>();
    private final List<Established> started = new ArrayList<>();
    private final Connector connector =
            (address, listener) -> {
                dialled.add(address);
                return connection;
            };
    private final SettingsStore settings = SettingsStore.inMemory(Settings.defaults());

    private HostFormViewModel form(UiExecutor work) {
        return new HostFormViewModel(
                i18n,
                settings,
                host,
                connector,
                work,
                () -> 45678,
                List.of("192.168.1.20", "[2001:db8::5]"),
                started::add);
    }

    private HostFormViewModel filledForm(UiExecutor work) {
        HostFormViewModel vm = form(work);
        vm.login().textProperty().set("ann");
        vm.password().textProperty().set("my pw");
        vm.room().textProperty().set("family");
        vm.roomPassword().textProperty().set("room pw");
        return vm;
    }

    @Test
    void startsWithTheDefaultPort() {
        assertThat(form(new DirectUiExecutor()).port().text()).isEqualTo("7331");
    }

    @Test
    void pickFreePortFillsInTheFreePort() {
        HostFormViewModel vm = form(new DirectUiExecutor());

        vm.pickFreePort();

        assertThat(vm.port().text()).isEqualTo("45678");
    }

    @Test
    void addressesToShareFollowThePort() {
        HostFormViewModel vm = form(new DirectUiExecutor());

        vm.port().textProperty().set("8000");

        assertThat(vm.addresses()).containsExactly("192.168.1.20:8000", "[2001:db8::5]:8000");
        assertThat(vm.localAddressProperty().get()).isEqualTo("127.0.0.1:8000");
    }

    @Test
    void aBadPortHidesTheAddressesAndIsExplained() {
        HostFormViewModel vm = form(new DirectUiExecutor());

        vm.port().textProperty().set("70000");

        assertThat(vm.addresses()).isEmpty();
        assertThat(vm.port().messageProperty().get()).isEqualTo(i18n.get("check.port.bad"));
    }

    @Test
    void hostingStartsTheHostThenJoinsItOverLoopbackLikeAnyMember() {
        HostFormViewModel vm = filledForm(new DirectUiExecutor());

        vm.start();

        assertThat(host.running).isTrue();
        assertThat(dialled).containsExactly(new HostAddress("127.0.0.1", 7331));
        assertThat(connection.calls)
                .containsSubsequence("register ann", "createRoom family", "joinRoom family 0");
        assertThat(started).hasSize(1);
        assertThat(started.getFirst().joined()).isEqualTo("family");
        assertThat(started.getFirst().hosting().host()).isSameAs(host);
    }

    @Test
    void anExistingAccountIsLoggedInto() {
        connection.failures.put("register", FakeConnection.error(Kind.LOGIN_TAKEN));
        HostFormViewModel vm = filledForm(new DirectUiExecutor());

        vm.start();

        assertThat(connection.calls).contains("login ann");
        assertThat(started).hasSize(1);
    }

    @Test
    void anExistingRoomIsJustJoined() {
        connection.failures.put("createRoom", FakeConnection.error(Kind.ROOM_EXISTS));
        HostFormViewModel vm = filledForm(new DirectUiExecutor());

        vm.start();

        assertThat(connection.calls).contains("joinRoom family 0");
        assertThat(started).hasSize(1);
    }

    @Test
    void aWrongRoomPasswordStopsTheHostAgainAndSaysSo() {
        connection.failures.put("createRoom", FakeConnection.error(Kind.ROOM_EXISTS));
        connection.failures.put("joinRoom", FakeConnection.error(Kind.BAD_CREDENTIALS));
        HostFormViewModel vm = filledForm(new DirectUiExecutor());

        vm.start();

        assertThat(vm.failureProperty().get()).isEqualTo(i18n.get("error.badRoomPassword"));
        assertThat(host.running).isFalse();
        assertThat(connection.closed).isTrue();
        assertThat(started).isEmpty();
    }

    @Test
    void aTakenPortIsExplained() {
        host.failure = new BindException("Address already in use");
        HostFormViewModel vm = filledForm(new DirectUiExecutor());

        vm.start();

        assertThat(vm.failureProperty().get()).isEqualTo(i18n.get("error.portTaken"));
        assertThat(dialled).isEmpty();
    }

    @Test
    void nothingStartsWhileAFieldHasAProblem() {
        HostFormViewModel vm = filledForm(new DirectUiExecutor());
        vm.room().textProperty().set(" padded ");

        vm.start();

        assertThat(host.starts).isZero();
        assertThat(vm.room().messageProperty().get()).isEqualTo(i18n.get("check.room.spaces"));
    }

    @Test
    void cancellingStopsAHostThatStartsAnyway() {
        ManualUiExecutor work = new ManualUiExecutor();
        HostFormViewModel vm = filledForm(work);
        vm.start();

        vm.cancel();
        work.runNext();

        assertThat(started).isEmpty();
        assertThat(host.running).isFalse();
        assertThat(connection.closed).isTrue();
    }

    @Test
    void remembersPortLoginAndRoom() {
        HostFormViewModel vm = filledForm(new DirectUiExecutor());
        vm.port().textProperty().set("7400");

        vm.start();

        assertThat(settings.get().hostPort()).isEqualTo(7400);
        assertThat(settings.get().lastLogin()).isEqualTo("ann");
        assertThat(settings.get().lastRoom()).isEqualTo("family");
    }
}
