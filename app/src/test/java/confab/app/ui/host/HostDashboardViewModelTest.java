package confab.app.ui.host;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.i18n.I18n;
import confab.app.ui.DirectUiExecutor;
import confab.app.ui.FakeHost;
import confab.app.ui.host.HostDashboardViewModel.Connection;
import confab.app.ui.host.HostDashboardViewModel.Room;
import confab.crypto.wire.EvictionReason;
import confab.crypto.wire.Message.RoomInfo;
import confab.host.Defence;
import confab.host.LoginRefusal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HostDashboardViewModelTest {
    private final I18n i18n = I18n.forLocale(Locale.ENGLISH);
    private final FakeHost host = new FakeHost();
    private final InetSocketAddress bobAt = new InetSocketAddress("192.168.1.30", 50123);

    private HostDashboardViewModel dashboard() throws Exception {
        host.start(7331, null);
        return new HostDashboardViewModel(
                i18n,
                new DirectUiExecutor(),
                InstantSource.fixed(Instant.EPOCH),
                host,
                List.of(new RoomInfo("family", false, 0, 12)));
    }

    @Test
    void showsTheAddressesFriendsType() throws Exception {
        HostDashboardViewModel vm = dashboard();

        assertThat(vm.addresses()).containsExactly("192.168.1.20:7331");
        assertThat(vm.localAddress()).isEqualTo("127.0.0.1:7331");
    }

    @Test
    void connectionsAppearWithTheirLoginAndGoWhenClosed() throws Exception {
        HostDashboardViewModel vm = dashboard();

        vm.connectionOpened(7, bobAt);
        vm.loggedIn(7, "bob");
        assertThat(vm.connections())
                .containsExactly(new Connection(7, "192.168.1.30:50123", "bob", Instant.EPOCH));

        vm.connectionClosed(7, bobAt, "bye");
        assertThat(vm.connections()).isEmpty();
    }

    @Test
    void roomsShowWhetherTheyAreActiveAndWhoIsIn() throws Exception {
        HostDashboardViewModel vm = dashboard();

        vm.roomActive("family");
        vm.memberJoined("family", "ann");
        vm.memberJoined("family", "bob");
        vm.memberLeft("family", "ann");
        assertThat(vm.rooms()).containsExactly(new Room("family", true, List.of("bob")));

        vm.roomIdle("family");
        assertThat(vm.rooms()).containsExactly(new Room("family", false, List.of()));
    }

    @Test
    void evictionsAreLoggedAsWarnings() throws Exception {
        HostDashboardViewModel vm = dashboard();
        vm.memberJoined("family", "bob");

        vm.memberEvicted("family", "bob", EvictionReason.STOPPED_READING);

        assertThat(vm.rooms().getFirst().members()).isEmpty();
        assertThat(vm.events()).hasSize(1);
        assertThat(vm.events().getFirst().warning()).isTrue();
        assertThat(vm.events().getFirst().text())
                .isEqualTo("bob was disconnected from “family”: they stopped receiving messages");
    }

    @Test
    void stoppingClosesTheHostAndThenReportsBack() throws Exception {
        HostDashboardViewModel vm = dashboard();
        vm.connectionOpened(1, bobAt);
        boolean[] told = new boolean[1];

        vm.stop(() -> told[0] = true);

        assertThat(host.running).isFalse();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.connections()).isEmpty();
        assertThat(told[0]).isTrue();
    }

    @Test
    void refusedLoginsAndDefencesAreToldInTheUiLanguage() throws Exception {
        I18n ru = I18n.forLocale(Locale.of("ru"));
        host.start(7331, null);
        HostDashboardViewModel vm =
                new HostDashboardViewModel(
                        ru,
                        new DirectUiExecutor(),
                        InstantSource.fixed(Instant.EPOCH),
                        host,
                        List.of());

        vm.loginFailed(bobAt, "bob", LoginRefusal.BAD_ROOM_PASSWORD);
        vm.defended(bobAt, Defence.REQUEST_FLOOD);

        assertThat(vm.events())
                .extracting(HostDashboardViewModel.Event::text)
                .containsExactly(
                        ru.get(
                                "host.event.loginFailed",
                                "bob",
                                "192.168.1.30:50123",
                                ru.get("host.refusal.badRoomPassword")),
                        ru.get(
                                "host.event.defended",
                                "192.168.1.30:50123",
                                ru.get("host.defence.requestFlood")));
    }

    @Test
    void theLogKeepsOnlyTheNewestEvents() throws Exception {
        HostDashboardViewModel vm = dashboard();

        for (int i = 0; i < HostDashboardViewModel.MAX_EVENTS + 10; i++) {
            vm.roomCreated("room " + i, "bob");
        }

        assertThat(vm.events()).hasSize(HostDashboardViewModel.MAX_EVENTS);
        assertThat(vm.events().getLast().text())
                .contains("room " + (HostDashboardViewModel.MAX_EVENTS + 9));
    }
}
