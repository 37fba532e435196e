package confab.app.ui;

import confab.app.connect.Connector;
import confab.app.connect.EmbeddedHostLauncher;
import confab.app.connect.FreePorts;
import confab.app.connect.SessionConnector;
import confab.app.i18n.I18n;
import confab.app.session.ClientSession;
import confab.app.settings.LanguageMode;
import confab.app.settings.Settings;
import confab.app.settings.SettingsStore;
import confab.crypto.wire.KdfParams;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/// One real Confab window in a UI test, with its own settings and host data in a temporary
/// directory, a host that listens on loopback only and a cheap key derivation. Finds nodes by
/// id in its own window only, and clicks and types through the TestFX robot.
final class AppWindow {
    static final I18n EN = I18n.forLocale(Locale.ENGLISH);
    private static final KdfParams CHEAP = new KdfParams(8 * 1024, 1, 1);

    private static final List<AppWindow> OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    final Stage stage;
    final MainWindow window;
    final AtomicInteger connects = new AtomicInteger();
    private final FxRobot robot;

    /// Call on the FX thread.
    AppWindow(Stage stage, Path dir, FxRobot robot) {
        this(stage, dir, robot, EN, "127.0.0.1", List::of);
    }

    /// A window for the screenshot tour: the real LAN addresses and a host listening on every
    /// interface, as in the app, in the language of `locale`.
    static AppWindow forTour(Stage stage, Path dir, FxRobot robot, Locale locale) {
        return new AppWindow(
                stage,
                dir,
                robot,
                I18n.forLocale(locale),
                "0.0.0.0",
                confab.app.connect.LanAddresses::ofThisMachine);
    }

    private AppWindow(
            Stage stage,
            Path dir,
            FxRobot robot,
            I18n i18n,
            String bind,
            java.util.function.Supplier<List<String>> lan) {
        this.stage = stage;
        this.robot = robot;
        SessionConnector sessions =
                new SessionConnector(
                        Duration.ofSeconds(5), ClientSession.Options.DEFAULT.withKdf(CHEAP));
        Connector counting =
                (address, listener) -> {
                    connects.incrementAndGet();
                    return sessions.connect(address, listener);
                };
        AppContext ctx =
                new AppContext(
                        i18n,
                        LanguageMode.SYSTEM,
                        SettingsStore.inMemory(Settings.defaults()),
                        counting,
                        ui -> new EmbeddedHostLauncher(dir.resolve("host"), bind, ui),
                        InstantSource.system(),
                        FreePorts::pick,
                        lan);
        window = new MainWindow(stage, ctx);
        window.show();
        OPEN.add(this);
    }

    FxRobot robot() {
        return robot;
    }

    <T extends Node> T find(String id) {
        return robot.from(stage.getScene().getRoot()).lookup(id).query();
    }

    boolean has(String id) {
        return robot.from(stage.getScene().getRoot()).lookup(id).tryQuery().isPresent();
    }

    AppWindow click(String id) {
        front();
        robot.clickOn((Node) find(id));
        return this;
    }

    /// Clicks into the field and types `text` key by key (ASCII only: the robot types keys).
    AppWindow type(String id, String text) {
        front();
        Node node = find(id);
        TextInputControl field =
                node instanceof javafx.scene.control.ComboBox<?> box
                        ? box.getEditor()
                        : (TextInputControl) node;
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        return this;
    }

    /// Puts `text` into the field as a paste would (any script).
    AppWindow paste(String id, String text) {
        TextInputControl field = find(id);
        robot.interact(
                () -> {
                    field.requestFocus();
                    field.replaceText(0, field.getLength(), text);
                });
        return this;
    }

    /// Presses and releases `key` in the node, as its window's keyboard would. (The headless
    /// robot's keyboard goes to whichever window the platform thinks is focused, which it does
    /// not change on a click; TestFX's own `write` dispatches into the scene in the same way.)
    AppWindow press(String id, KeyCode key, boolean shift) {
        Node node = find(id);
        robot.interact(
                () -> {
                    node.requestFocus();
                    for (var type : List.of(KeyEvent.KEY_PRESSED, KeyEvent.KEY_RELEASED)) {
                        Event.fireEvent(
                                node, new KeyEvent(type, "", "", key, shift, false, false, false));
                    }
                });
        return this;
    }

    /// Sets the field's text from code (any script), as pasting would.
    AppWindow set(String id, String text) {
        Node node = find(id);
        TextInputControl field =
                node instanceof javafx.scene.control.ComboBox<?> box
                        ? box.getEditor()
                        : (TextInputControl) node;
        robot.interact(() -> field.setText(text));
        return this;
    }

    /// Fires the button, without waiting for what it opens (a dialog waits for an answer).
    AppWindow fire(String id) {
        javafx.scene.control.ButtonBase button = find(id);
        javafx.application.Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    javafx.geometry.Rectangle2D bounds() {
        return new javafx.geometry.Rectangle2D(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }

    String text(String id) {
        Node node = find(id);
        return node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getText();
    }

    boolean shows(String id) {
        if (!has(id)) {
            return false;
        }
        Node node = find(id);
        return node.isVisible() && node.getScene() != null && visibleUpwards(node);
    }

    /// Brings this window under the robot: the headless platform has one 1000x1000 screen and
    /// ignores `toFront`, and its robot clicks the newest window at a point, so the windows not
    /// in use step aside to the screen's right edge.
    void front() {
        robot.interact(
                () -> {
                    for (AppWindow other : OPEN) {
                        other.stage.setX(other == this ? 0 : 995);
                        other.stage.setY(0);
                    }
                });
    }

    void close() {
        OPEN.remove(this);
        robot.interact(window::close);
    }

    /// Waits (up to 30 s, for a loaded machine) until `condition` holds on the FX thread.
    static void await(java.util.concurrent.Callable<Boolean> condition, AppWindow... windows) {
        try {
            WaitForAsyncUtils.waitFor(
                    30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder shown = new StringBuilder("condition not met in 30 s");
            for (AppWindow w : windows) {
                shown.append("\n").append(w.stage.getTitle()).append(": ").append(w.describe());
            }
            throw new AssertionError(shown.toString(), e);
        }
    }

    /// The texts the window shows now.
    String describe() {
        List<String> texts = new java.util.ArrayList<>();
        try {
            WaitForAsyncUtils.asyncFx(() -> collect(stage.getScene().getRoot(), texts)).get();
        } catch (Exception e) {
            texts.add("(could not read: " + e + ")");
        }
        return String.join(" | ", texts);
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            texts.add(l.getText());
        } else if (node instanceof TextInputControl t && !t.getText().isEmpty()) {
            texts.add((node.getId() == null ? "" : "#" + node.getId() + "=") + t.getText());
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, texts));
        }
    }

    private static boolean visibleUpwards(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
