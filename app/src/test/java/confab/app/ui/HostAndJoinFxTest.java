package confab.app.ui;

import static confab.app.ui.AppWindow.EN;
import static confab.app.ui.AppWindow.await;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import confab.app.ui.chat.ChatLine;
import confab.app.ui.chat.RoomViewModel;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// Two real Confab windows in one JVM, headless: one hosts a room, the other joins it over
/// loopback, and they chat.
@ExtendWith(ApplicationExtension.class)
class HostAndJoinFxTest {
    @TempDir static Path dir;

    private AppWindow host;
    private AppWindow friend;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FxRobot robot = new FxRobot();
        host = new AppWindow(stage, dir.resolve("host-" + System.nanoTime()), robot);
        Stage second = new Stage();
        friend = new AppWindow(second, dir.resolve("friend-" + System.nanoTime()), robot);
    }

    @AfterEach
    void closeBoth() {
        friend.close();
        host.close();
    }

    /// Hosts "family" as ann on a free port; returns the port.
    private String hostFamily() {
        host.click("#host-pick-port");
        String port = host.text("#host-port");
        host.type("#host-login", "ann")
                .type("#host-password", "ann-pw")
                .type("#host-room", "family")
                .type("#host-room-password", "family-pw")
                .click("#host-start");
        await(() -> host.shows("#composer"), host);
        return port;
    }

    private void joinAsBob(String port) {
        friend.type("#join-host", "127.0.0.1:" + port)
                .click("#join-mode-create")
                .type("#join-login", "bob")
                .type("#join-password", "bob-pw")
                .click("#join-connect");
        await(() -> friend.shows("#room-list"), friend);
        ListView<RoomViewModel> rooms = friend.find("#room-list");
        await(() -> !rooms.getItems().isEmpty());
        friend.front();
        friend.robot()
                .clickOn(
                        friend.robot()
                                .from(rooms)
                                .lookup(".list-cell")
                                .nth(0)
                                .queryAs(javafx.scene.Node.class));
        await(() -> friend.shows("#join-room-password"));
    }

    private static boolean listShows(AppWindow window, String text) {
        ListView<ChatLine> list = window.find("#message-list");
        return list.getItems().stream()
                .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().equals(text));
    }

    @Test
    void aFriendJoinsTheHostedRoomAndBothSeeEachOthersMessages() {
        String port = hostFamily();
        joinAsBob(port);
        friend.type("#join-room-password", "family-pw").click("#join-room");
        await(() -> friend.shows("#composer"));

        String hello = "Привет, 世界! 👋 שלום";
        friend.paste("#composer", hello).press("#composer", KeyCode.ENTER, false);
        await(() -> listShows(friend, hello) && listShows(host, hello), friend, host);

        host.type("#composer", "hi bob").press("#composer", KeyCode.ENTER, true);
        assertThat(host.text("#composer")).isEqualTo("hi bob\n"); // Shift+Enter: a new line
        host.type("#composer", "hi bob").press("#composer", KeyCode.ENTER, false);
        await(() -> listShows(friend, "hi bob") && listShows(host, "hi bob"), friend, host);

        ListView<String> members = host.find("#member-list");
        await(() -> members.getItems().contains("bob"));
        assertThat(host.text("#composer")).isEmpty();
    }

    @Test
    void aWrongRoomPasswordShowsTheError() {
        joinAsBob(hostFamily());

        friend.type("#join-room-password", "not-it").click("#join-room");

        await(() -> friend.text("#join-room-failure").equals(EN.get("error.badRoomPassword")));
        assertThat(friend.shows("#composer")).isFalse();
    }

    @Test
    void stoppingTheHostShowsTheDisconnectedStateOnBothSides() {
        joinAsBob(hostFamily());
        friend.type("#join-room-password", "family-pw").click("#join-room");
        await(() -> friend.shows("#composer"));

        host.click("#hosting-chip").click("#dashboard-stop");
        await(() -> host.robot().lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = host.robot().lookup(".dialog-pane").query();
        Button confirm =
                host.robot().from(dialog).lookup(".button").queryAllAs(Button.class).stream()
                        .filter(b -> b.getText().equals(EN.get("host.stop")))
                        .findFirst()
                        .orElseThrow();
        host.robot().clickOn(confirm);

        await(() -> host.text("#host-status").equals(EN.get("dashboard.stopped")), host);
        assertThat(host.shows("#dashboard-back")).isTrue();
        assertThat(host.shows("#dashboard-stop")).isFalse();
        await(() -> friend.shows("#connection-banner") && friend.shows("#back-to-start"), friend);
        assertThat(friend.<atlantafx.base.controls.Message>find("#connection-banner").getTitle())
                .isEqualTo(EN.get("chat.banner.hostStopped.title"));
        assertThat(friend.<Button>find("#send").isDisabled()).isTrue();
    }

    @Test
    void anAddressTypoIsRefusedBeforeConnecting() {
        friend.type("#join-host", "127.0.0..1:7331")
                .type("#join-login", "bob")
                .type("#join-password", "pw");

        assertThat(friend.text("#join-host-problem")).isEqualTo(EN.get("check.address.badHost"));
        friend.click("#join-connect");

        assertThat(friend.connects.get()).isZero();
        assertThat(friend.has("#room-list")).isFalse();
    }

    @Test
    void aPortWhereNothingListensIsReportedAsRefused() {
        int closed = confab.app.connect.FreePorts.pick();
        friend.type("#join-host", "127.0.0.1:" + closed)
                .type("#join-login", "bob")
                .type("#join-password", "pw")
                .click("#join-connect");

        await(() -> friend.shows("#join-failure"), friend);
        assertThat(friend.<atlantafx.base.controls.Message>find("#join-failure").getDescription())
                .isEqualTo(EN.get("error.REFUSED", "127.0.0.1", Integer.toString(closed)));
        assertThat(friend.has("#room-list")).isFalse();
    }
}
