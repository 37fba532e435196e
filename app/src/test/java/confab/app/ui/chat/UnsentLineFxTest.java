package confab.app.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import confab.app.connect.Established;
import confab.app.connect.EventRelay;
import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.app.ui.DirectUiExecutor;
import confab.app.ui.FakeConnection;
import confab.app.ui.MainWindow;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.Message.RoomInfo;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The chat window's message list when messages on their way will not be sent (the room could
/// not be re-joined after a reconnect): a real window with the real view and view-model, fed
/// the session's events.
@ExtendWith(ApplicationExtension.class)
class UnsentLineFxTest {
    private final I18n i18n = I18n.forLocale(Locale.ENGLISH);
    private final EventRelay relay = new EventRelay(new DirectUiExecutor());

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Established session =
                new Established(
                        new FakeConnection(),
                        relay,
                        new HostAddress("10.0.0.9", 7331),
                        "ann",
                        List.of(new RoomInfo("family", true, 1, 0)),
                        "family",
                        null);
        ChatViewModel vm =
                new ChatViewModel(
                        i18n,
                        new DirectUiExecutor(),
                        InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z")),
                        session);
        ChatView view = new ChatView(i18n, vm, null, new MenuButton(), () -> {});
        Scene scene = new Scene(view.root(), 900, 600);
        scene.getStylesheets()
                .add(
                        Objects.requireNonNull(MainWindow.class.getResource("confab.css"))
                                .toExternalForm());
        stage.setScene(scene);
        stage.show();
        relay.onEvent(new SessionEvent.RoomJoined("family", List.of("ann", "bob"), 0));
    }

    @Test
    void aMessageThatWillNotBeSentKeepsItsTextOnScreenAndSaysItWasNotSent(FxRobot robot) {
        onFx(() -> relay.onEvent(new SessionEvent.MessagePending("family", 1, "on my way")));
        assertThat(robot.lookup(".list-cell.pending").tryQuery()).isPresent();
        assertThat(robot.lookup(".unsent-mark").tryQuery()).isEmpty();

        onFx(
                () ->
                        relay.onEvent(
                                new SessionEvent.RejoinFailed(
                                        "family", ErrorCode.NO_SUCH_ROOM, 1)));

        assertThat(robot.lookup(".list-cell.pending").tryQuery()).isEmpty();
        Node cell = robot.lookup(".list-cell.unsent").query();
        Labeled mark = robot.from(cell).lookup(".unsent-mark").queryLabeled();
        assertThat(mark.getText()).isEqualTo(i18n.get("chat.unsent"));
        assertThat(mark.isVisible()).isTrue();
        assertThat(mark.getLayoutBounds().getWidth()).isPositive();
        String shown =
                robot.from(cell).lookup(".message-flow").queryAll().stream()
                        .flatMap(flow -> ((Parent) flow).getChildrenUnmodifiable().stream())
                        .filter(Text.class::isInstance)
                        .map(node -> ((Text) node).getText())
                        .collect(Collectors.joining());
        assertThat(shown).isEqualTo("on my way");
    }

    private static void onFx(Runnable action) {
        try {
            WaitForAsyncUtils.asyncFx(action).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
