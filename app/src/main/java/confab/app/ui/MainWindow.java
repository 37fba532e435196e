package confab.app.ui;

import confab.app.connect.Established;
import confab.app.connect.HostLauncher;
import confab.app.i18n.I18n;
import confab.app.ui.chat.ChatView;
import confab.app.ui.chat.ChatViewModel;
import confab.app.ui.host.HostDashboardView;
import confab.app.ui.host.HostDashboardViewModel;
import confab.app.ui.start.HostFormViewModel;
import confab.app.ui.start.JoinFormViewModel;
import confab.app.ui.start.StartView;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/// One Confab window: the start screen until a room is hosted or joined, then the chat (with
/// the host dashboard when hosting), and back. Owns the window's background executors.
public final class MainWindow {
    public static final double MIN_WIDTH = 860;
    public static final double MIN_HEIGHT = 600;

    private final Stage stage;
    private final AppContext ctx;
    private final I18n i18n;
    private final SettingsViewModel settingsVm;
    private final FxUiExecutor work = FxUiExecutor.concurrent("confab-work");
    private final Scene scene;
    private FxUiExecutor chatWork;
    private ChatViewModel chat;
    private HostDashboardViewModel dashboard;
    private Established session;

    /// The start screen's host form, while it is shown.
    private HostFormViewModel startHost;

    public MainWindow(Stage stage, AppContext ctx) {
        this.stage = stage;
        this.ctx = ctx;
        this.i18n = ctx.i18n();
        this.settingsVm = new SettingsViewModel(ctx.settings(), ctx.i18n(), Locale.getDefault());
        settingsVm
                .restartNoticeProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (!now.isEmpty()) {
                                tell("settings.language.restart.title", now);
                            }
                        });
        this.scene = new Scene(new StackPane(), 1040, 720);
        scene.getStylesheets()
                .add(
                        Objects.requireNonNull(MainWindow.class.getResource("confab.css"))
                                .toExternalForm());
        // the same picture as the installers' icon (packaging/src/jpackage/linux/app-icon.png)
        stage.getIcons()
                .add(
                        new Image(
                                Objects.requireNonNull(MainWindow.class.getResource("app-icon.png"))
                                        .toExternalForm()));
    }

    /// The theme setting, for the [ThemeController].
    public SettingsViewModel settings() {
        return settingsVm;
    }

    /// Shows the window with the start screen, where it was last time.
    public void show() {
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setScene(scene);
        WindowState.restore(stage, ctx.settings(), 1040, 720);
        stage.setOnCloseRequest(this::closing);
        showStart();
        stage.show();
    }

    /// Fills in the start screen's host form and starts hosting, as a person would: for
    /// measurements of the app with a room open (`confab --measure-room`).
    public void hostRoom(String login, String password, String room, String roomPassword) {
        HostFormViewModel host = Objects.requireNonNull(startHost, "the start screen is not shown");
        host.pickFreePort();
        host.login().textProperty().set(login);
        host.password().textProperty().set(password);
        host.room().textProperty().set(room);
        host.roomPassword().textProperty().set(roomPassword);
        host.start();
    }

    private void showStart() {
        HostLauncher launcher = ctx.launcher().apply(work);
        HostFormViewModel host =
                new HostFormViewModel(
                        i18n,
                        ctx.settings(),
                        launcher,
                        ctx.connector(),
                        work,
                        ctx.freePort(),
                        ctx.lanAddresses().get(),
                        this::showChat);
        JoinFormViewModel join =
                new JoinFormViewModel(i18n, ctx.settings(), ctx.connector(), work, this::showChat);
        startHost = host;
        StartView view = new StartView(i18n, host, join, SettingsMenu.create(i18n, settingsVm));
        stage.setTitle(i18n.get("app.name"));
        setRoot(view.root());
        installCommonShortcuts();
    }

    private void showChat(Established established) {
        session = established;
        chatWork = FxUiExecutor.serial("confab-session");
        chat = new ChatViewModel(i18n, chatWork, ctx.clock(), established);
        HostDashboardView dashboardView = null;
        if (established.hosting() != null) {
            dashboard =
                    new HostDashboardViewModel(
                            i18n,
                            work,
                            ctx.clock(),
                            established.hosting().host(),
                            established.rooms());
            established.hosting().activity().attach(dashboard);
            dashboardView =
                    new HostDashboardView(
                            i18n, dashboard, this::confirmStopHosting, this::backToStart);
        }
        ChatView view =
                new ChatView(
                        i18n,
                        chat,
                        dashboardView == null ? null : dashboardView.root(),
                        SettingsMenu.create(i18n, settingsVm),
                        this::backToStart);
        stage.setTitle(
                i18n.get(
                        established.hosting() != null
                                ? "window.title.hosting"
                                : "window.title.chat",
                        chat.login(),
                        chat.address()));
        setRoot(view.root());
        installCommonShortcuts();
        view.installShortcuts(scene);
        view.focusComposer();
    }

    private void setRoot(Parent root) {
        scene.getAccelerators().clear();
        scene.setRoot(root);
    }

    private void installCommonShortcuts() {
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                        () ->
                                stage.fireEvent(
                                        new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    private void confirmStopHosting() {
        if (dashboard == null || !dashboard.runningProperty().get()) {
            return;
        }
        if (confirm("host.stop.confirm.title", "host.stop.confirm.text", "host.stop")) {
            dashboard.stop(() -> chat.hostStoppedByUser());
        }
    }

    private void backToStart() {
        endChat();
        showStart();
    }

    private void endChat() {
        if (chat != null) {
            chat.close();
            chat = null;
        }
        if (session != null) {
            session.close(); // also stops the host if it still runs
            session = null;
        }
        dashboard = null;
        if (chatWork != null) {
            chatWork.close();
            chatWork = null;
        }
    }

    private void closing(WindowEvent event) {
        if (dashboard != null
                && dashboard.runningProperty().get()
                && !confirm(
                        "host.quit.confirm.title",
                        "host.quit.confirm.text",
                        "host.quit.confirm.ok")) {
            event.consume();
            return;
        }
        close();
    }

    /// Closes the window without asking: remembers where it was, leaves the chat, stops the
    /// host if this window runs one.
    public void close() {
        WindowState.save(stage, ctx.settings());
        endChat();
        work.close();
        stage.close();
    }

    private void tell(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        alert.initOwner(stage);
        alert.setTitle(i18n.get(title));
        alert.setHeaderText(i18n.get(title));
        alert.show();
    }

    private boolean confirm(String title, String text, String ok) {
        ButtonType yes = new ButtonType(i18n.get(ok), ButtonBar.ButtonData.OK_DONE);
        ButtonType no =
                new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, i18n.get(text), yes, no);
        alert.initOwner(stage);
        alert.setTitle(i18n.get(title));
        alert.setHeaderText(i18n.get(title));
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == yes;
    }
}
