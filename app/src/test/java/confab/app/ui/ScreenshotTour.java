package confab.app.ui;

import static confab.app.ui.AppWindow.await;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import confab.app.ui.chat.ChatLine;
import confab.app.ui.chat.RoomViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// Not a test: the tour behind `docs/screenshots/take.sh`. Runs two real Confab windows on an X
/// display (Xvfb), hosts a room in one, joins it from the other, chats in several scripts, and
/// saves a screenshot of each step with ImageMagick's `import`. Its name does not end in
/// `Test`, so `mvn test` leaves it out; the script runs it with `-Dtest=ScreenshotTour`.
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {
    @TempDir static Path dir;

    private final Path out =
            Path.of(System.getProperty("confab.screenshots", "target/screenshots"));
    private AppWindow host;
    private AppWindow friend;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FxRobot robot = new FxRobot();
        host = AppWindow.forTour(stage, dir.resolve("host"), robot, Locale.ENGLISH);
        friend = AppWindow.forTour(new Stage(), dir.resolve("friend"), robot, Locale.ENGLISH);
        place(host, 0);
        place(friend, 1120);
    }

    private static void place(AppWindow w, double x) {
        w.stage.setX(x);
        w.stage.setY(0);
        w.stage.setWidth(1100);
        w.stage.setHeight(720);
    }

    @Test
    void tour() throws Exception {
        Files.createDirectories(out);
        // start screen, host side filled in
        host.set("#host-login", "anna")
                .set("#host-password", "correct horse")
                .set("#host-room", "family")
                .set("#host-room-password", "battery staple");
        host.fire("#host-pick-port");
        String port = host.text("#host-port");
        shot(host, "01-start.png");

        // a typo is explained before anything is sent
        friend.set("#join-host", "192.168.1..20:7331").set("#join-login", "boris");
        shot(friend, "02-join-typo.png");

        host.fire("#host-start");
        await(() -> host.shows("#composer"), host);

        friend.set("#join-host", "127.0.0.1:" + port)
                .fire("#join-mode-create")
                .set("#join-login", "boris")
                .set("#join-password", "tr0ub4dor&3")
                .fire("#join-connect");
        await(() -> friend.shows("#room-list"), friend);
        ListView<RoomViewModel> rooms = friend.find("#room-list");
        await(() -> !rooms.getItems().isEmpty(), friend);
        friend.robot().interact(() -> rooms.getSelectionModel().select(0));
        friend.set("#join-room-password", "battery staple").fire("#join-room");
        await(() -> friend.shows("#composer"), friend);

        say(friend, "Привет! Я на месте 👋");
        say(host, "Hi Boris, welcome to the family room.");
        say(host, "Dinner on Sunday?");
        say(friend, "你好！Sunday works. 🍜");
        say(friend, "שלום לכולם");
        say(host, "مرحبا، نراكم يوم الأحد!");
        host.set("#composer", "Typing a reply…");
        shot(host, "03-chat-host.png");
        shot(friend, "04-chat-friend.png");
        shotBoth("05-two-windows.png");

        // mixed directions: each line takes the direction of its first letter
        say(friend, "My cousin says: שלום, מה נשמע? 🙂");
        say(host, "נתראה ביום ראשון ב-19:30 עם Yael!");
        say(friend, "東京から来ました 🗼");
        say(host, "العشاء الساعة 7 مساءً 🍽️\nDinner at 7 pm");
        ListView<ChatLine> messages = friend.find("#message-list");
        friend.robot().interact(() -> messages.scrollTo(messages.getItems().size() - 1));
        shot(friend, "11-scripts.png");

        host.fire("#hosting-chip");
        shot(host, "06-host-dashboard.png");
        host.robot().interact(() -> host.<TabPane>find(".tab-pane").getSelectionModel().select(0));

        friend.robot()
                .interact(
                        () ->
                                Application.setUserAgentStylesheet(
                                        new PrimerDark().getUserAgentStylesheet()));
        shot(friend, "07-dark.png");
        friend.robot()
                .interact(
                        () ->
                                Application.setUserAgentStylesheet(
                                        new PrimerLight().getUserAgentStylesheet()));

        host.fire("#hosting-chip").fire("#dashboard-stop");
        await(() -> host.robot().lookup(".dialog-pane").tryQuery().isPresent(), host);
        shotDialog("08-stop-hosting.png");
        Button confirm =
                host.robot().lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                        .filter(b -> b.getText().equals(AppWindow.EN.get("host.stop")))
                        .findFirst()
                        .orElseThrow();
        host.robot().interact(confirm::fire);
        await(() -> friend.shows("#back-to-start"), friend);
        shot(friend, "09-host-stopped.png");

        AppWindow russian =
                org.testfx.util.WaitForAsyncUtils.asyncFx(
                                () -> {
                                    AppWindow w =
                                            AppWindow.forTour(
                                                    new Stage(),
                                                    dir.resolve("ru"),
                                                    host.robot(),
                                                    Locale.of("ru"));
                                    place(w, 0);
                                    return w;
                                })
                        .get();
        russian.set("#join-host", "192.168.1.20:7331").set("#join-login", "борис");
        shot(russian, "10-russian.png");
    }

    private void say(AppWindow w, String text) {
        w.set("#composer", text).press("#composer", KeyCode.ENTER, false);
        await(
                () -> {
                    ListView<ChatLine> list = w.find("#message-list");
                    return list.getItems().stream()
                            .anyMatch(
                                    l ->
                                            l.kind() == ChatLine.Kind.MESSAGE
                                                    && l.text().equals(text));
                },
                w);
    }

    private void shot(AppWindow w, String name) throws IOException, InterruptedException {
        settle();
        Rectangle2D r = w.bounds();
        capture(r, name);
    }

    // the confirmation dialog, centred on its owner
    private void shotDialog(String name) throws IOException, InterruptedException {
        settle();
        Stage dialog = (Stage) host.robot().lookup(".dialog-pane").query().getScene().getWindow();
        capture(
                new Rectangle2D(
                        dialog.getX(), dialog.getY(), dialog.getWidth(), dialog.getHeight()),
                name);
    }

    private void shotBoth(String name) throws IOException, InterruptedException {
        settle();
        Rectangle2D a = host.bounds();
        Rectangle2D b = friend.bounds();
        double x = Math.min(a.getMinX(), b.getMinX());
        double y = Math.min(a.getMinY(), b.getMinY());
        capture(
                new Rectangle2D(
                        x,
                        y,
                        Math.max(a.getMaxX(), b.getMaxX()) - x,
                        Math.max(a.getMaxY(), b.getMaxY()) - y),
                name);
    }

    private void capture(Rectangle2D r, String name) throws IOException, InterruptedException {
        String crop =
                "%dx%d+%d+%d"
                        .formatted(
                                (int) r.getWidth(),
                                (int) r.getHeight(),
                                (int) r.getMinX(),
                                (int) r.getMinY());
        Process p =
                new ProcessBuilder(
                                "import",
                                "-window",
                                "root",
                                "-crop",
                                crop,
                                "+repage",
                                out.resolve(name).toString())
                        .inheritIO()
                        .start();
        if (p.waitFor() != 0) {
            throw new IOException("import failed for " + name);
        }
    }

    /// Waits until JavaFX has started three pulses since now, so that the picture shows the last
    /// layout and its repaint: a pulse begins by calling the animation timers and waits for the
    /// previous pulse's rendering, so by the third call the first two are rendered.
    private void settle() throws InterruptedException {
        CountDownLatch pulses = new CountDownLatch(3);
        AnimationTimer timer =
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        pulses.countDown();
                    }
                };
        host.robot().interact(timer::start);
        try {
            if (!pulses.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JavaFX ran no pulse for 10 s");
            }
        } finally {
            host.robot().interact(timer::stop);
        }
    }
}
