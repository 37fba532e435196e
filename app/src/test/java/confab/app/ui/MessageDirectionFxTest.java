package confab.app.ui;

import static confab.app.ui.AppWindow.await;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.ui.chat.ChatLine;
import confab.crypto.wire.KdfParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// Messages that mix right-to-left and left-to-right text, sent in a real hosting window and
/// read back from its message list: where on screen each part of a line lands, and to which
/// side a line is aligned. The expected orders are those of the Unicode Bidirectional
/// Algorithm (a browser with `dir=auto` shows the same), written left to right.
@ExtendWith(ApplicationExtension.class)
class MessageDirectionFxTest {
    @TempDir static Path dir;

    private AppWindow host;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        host = new AppWindow(stage, dir.resolve("host-" + System.nanoTime()), new FxRobot());
    }

    private String port;

    @BeforeEach
    void hostARoom() {
        host.fire("#host-pick-port");
        port = host.text("#host-port");
        host.set("#host-login", "ann")
                .set("#host-password", "ann-pw")
                .set("#host-room", "family")
                .set("#host-room-password", "family-pw")
                .fire("#host-start");
        await(() -> host.shows("#composer"), host);
    }

    @AfterEach
    void close() {
        host.close();
    }

    private void send(String text) {
        host.paste("#composer", text).press("#composer", KeyCode.ENTER, false);
        awaitShown(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /// Waits until the host's message list shows a message reading `text`.
    private void awaitShown(String text) {
        ListView<ChatLine> list = host.find("#message-list");
        await(
                () ->
                        list.getItems().stream()
                                .anyMatch(
                                        l ->
                                                l.kind() == ChatLine.Kind.MESSAGE
                                                        && l.text().equals(text)),
                host);
    }

    /// Bob joins the room from a session of his own and says `text`: a message that did not
    /// pass through this window's composer (JavaFX 26 on Linux cannot reliably lay out a long
    /// right-to-left line in a text area, see ChatView).
    private void receive(String text) throws Exception {
        ClientSession.Options cheap =
                ClientSession.Options.DEFAULT.withKdf(new KdfParams(8 * 1024, 1, 1));
        try (ClientSession bob =
                ClientSession.connect(
                        HostAddress.parse("127.0.0.1:" + port),
                        Duration.ofSeconds(10),
                        event -> {},
                        cheap)) {
            bob.register("bob", "bob-pw".toCharArray());
            bob.login("bob", "bob-pw".toCharArray());
            bob.joinRoom("family", "family-pw".toCharArray(), 0);
            bob.send("family", text);
            awaitShown(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /// The line's paragraphs (one `TextFlow` each) as the list shows the message now.
    private List<TextFlow> paragraphs(String message) {
        return fx(
                () -> {
                    ListView<ChatLine> list = host.find("#message-list");
                    list.layout();
                    Node cell =
                            host.robot().from(list).lookup(".chat-line").queryAll().stream()
                                    .filter(
                                            c ->
                                                    c instanceof ListCell<?> l
                                                            && l.getItem() instanceof ChatLine line
                                                            && line.text().equals(message))
                                    .findFirst()
                                    .orElseThrow(() -> new AssertionError("no cell: " + message));
                    return host.robot().from(cell).lookup(".message-flow").queryAll().stream()
                            .map(TextFlow.class::cast)
                            .sorted(Comparator.comparingDouble(f -> onScreen(f).getMinY()))
                            .toList();
                });
    }

    /// The parts of the paragraph from left to right on screen (each part is a `Text`, or an
    /// emoji in a group of its own).
    private List<String> leftToRight(TextFlow paragraph) {
        return fx(
                () ->
                        paragraph.getChildren().stream()
                                .sorted(Comparator.comparingDouble(n -> onScreen(n).getMinX()))
                                .map(MessageDirectionFxTest::text)
                                .toList());
    }

    private static String text(Node part) {
        if (part instanceof Text t) {
            return t.getText();
        }
        return ((Text) ((javafx.scene.Parent) part).getChildrenUnmodifiable().get(0)).getText();
    }

    private static Bounds onScreen(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rightToLeftWordsInsideALeftToRightLineAppearInBidiOrder() {
        assertSentAsOneLine(
                "Hello שלום, עולם world!", false, "Hello ", "עולם", " ", ",", "שלום", " world!");
    }

    @Test
    void aRightToLeftLineIsRightAlignedWithItsEndPunctuationOnTheLeft() {
        assertSentAsOneLine("مرحبا بالعالم!", true, "!", "بالعالم", " ", "مرحبا");
    }

    @Test
    void leftToRightWordsInsideARightToLeftLineAppearInBidiOrder() {
        assertSentAsOneLine("שלום, how are you?", true, "?", "how are you", " ", ",", "שלום");
    }

    /// Sends `message` and checks that it shows as one line with these pieces from left to
    /// right, aligned to the right edge or not.
    private void assertSentAsOneLine(String message, boolean right, String... shown) {
        send(message);
        List<TextFlow> lines = paragraphs(message);
        assertThat(lines).hasSize(1);
        assertThat(leftToRight(lines.get(0))).containsExactly(shown);
        assertAligned(lines.get(0), right);
    }

    @Test
    void numbersAndEmojiKeepTheirPlaces() {
        String message = "Mixed 123 עברית 456 text.\nשלום 👋 עולם (42)";
        send(message);

        List<TextFlow> lines = paragraphs(message);
        assertThat(lines).hasSize(2);
        assertThat(leftToRight(lines.get(0)))
                .containsExactly("Mixed 123 ", "456", " ", "עברית", " text.");
        assertAligned(lines.get(0), false);
        // the brackets are drawn mirrored, so on screen they still enclose the number
        assertThat(leftToRight(lines.get(1)))
                .containsExactly(")", "42", "(", " ", "עולם", " ", "👋", " ", "שלום");
        assertAligned(lines.get(1), true);
    }

    @Test
    void eachLineOfAMessageHasItsOwnDirection() {
        String message = "Hello!\nשלום!\n\nبخير";
        send(message);

        List<TextFlow> lines = paragraphs(message);
        assertThat(lines).hasSize(4);
        assertAligned(lines.get(0), false);
        assertAligned(lines.get(1), true);
        assertThat(leftToRight(lines.get(1))).containsExactly("!", "שלום");
        assertThat(fx(() -> lines.get(2).getHeight())).isPositive(); // the empty line keeps room
        assertAligned(lines.get(3), true);
    }

    @Test
    void aLongRightToLeftLineWrapsFromTheTopRightInsideTheList() throws Exception {
        String word = "שלום";
        String message = String.join(" ", java.util.Collections.nCopies(60, word)) + " end!";
        receive(message);

        TextFlow line = paragraphs(message).get(0);
        ListView<ChatLine> list = host.find("#message-list");
        fx(
                () -> {
                    Bounds shown = onScreen(list);
                    List<Node> parts = line.getChildren();
                    double top = onScreen(parts.get(0)).getMinY();
                    double last = onScreen(parts.get(parts.size() - 1)).getMinY();
                    assertThat(last).as("wrapped to several rows").isGreaterThan(top);
                    for (Node part : parts) {
                        assertThat(onScreen(part).getMaxX()).isLessThanOrEqualTo(shown.getMaxX());
                        assertThat(onScreen(part).getMinY()).isGreaterThanOrEqualTo(top);
                    }
                    // the first word starts the top row at its right end
                    double right =
                            parts.stream()
                                    .filter(p -> Math.abs(onScreen(p).getMinY() - top) < 1)
                                    .mapToDouble(p -> onScreen(p).getMaxX())
                                    .max()
                                    .orElseThrow();
                    assertThat(onScreen(parts.get(0)).getMaxX()).isEqualTo(right);
                    return null;
                });
    }

    /// Whether the line starts at the paragraph's left edge (or, right to left, ends at its
    /// right edge), within a pixel or two of glyph bearing.
    private void assertAligned(TextFlow line, boolean right) {
        fx(
                () -> {
                    Bounds flow = onScreen(line);
                    double min =
                            line.getChildren().stream()
                                    .mapToDouble(n -> onScreen(n).getMinX())
                                    .min()
                                    .orElseThrow();
                    double max =
                            line.getChildren().stream()
                                    .mapToDouble(n -> onScreen(n).getMaxX())
                                    .max()
                                    .orElseThrow();
                    if (right) {
                        assertThat(max)
                                .isCloseTo(
                                        flow.getMaxX(), org.assertj.core.data.Offset.offset(2.0));
                        assertThat(min).isGreaterThan(flow.getMinX() + 20);
                    } else {
                        assertThat(min)
                                .isCloseTo(
                                        flow.getMinX(), org.assertj.core.data.Offset.offset(2.0));
                        assertThat(max).isLessThan(flow.getMaxX() - 20);
                    }
                    return null;
                });
    }
}
