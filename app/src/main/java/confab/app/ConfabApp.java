package confab.app;

import confab.app.connect.EmbeddedHostLauncher;
import confab.app.connect.FreePorts;
import confab.app.connect.LanAddresses;
import confab.app.connect.SessionConnector;
import confab.app.i18n.I18n;
import confab.app.settings.AppDirs;
import confab.app.settings.LanguageMode;
import confab.app.settings.SettingsStore;
import confab.app.ui.AppContext;
import confab.app.ui.MainWindow;
import confab.app.ui.ThemeController;
import java.time.InstantSource;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The desktop app: host a room or join one.
public class ConfabApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConfabApp.class);

    /// Where the embedded host listens: every interface, so that friends on the network reach it.
    static final String BIND_ALL = "0.0.0.0";

    /// Opens the main window, then exits with status 0: how CI checks an installed app.
    static final String SMOKE_TEST = "--smoke-test";

    /// Hosts a room right away, for measuring the app with one room open.
    static final String MEASURE_ROOM = "--measure-room";

    @Override
    public void start(Stage stage) {
        AppDirs dirs = AppDirs.forCurrentUser();
        LOG.info("settings in {}, host data in {}", dirs.config(), dirs.hostData());
        SettingsStore settings = SettingsStore.open(dirs.settingsFile());
        LanguageMode language = settings.get().language();
        I18n i18n = I18n.forLocale(language.resolve(Locale.getDefault()));
        AppContext ctx =
                new AppContext(
                        i18n,
                        language,
                        settings,
                        new SessionConnector(),
                        ui -> new EmbeddedHostLauncher(dirs.hostData(), BIND_ALL, ui),
                        InstantSource.system(),
                        FreePorts::pick,
                        LanAddresses::ofThisMachine);
        MainWindow window = new MainWindow(stage, ctx);
        ThemeController.follow(window.settings().themeProperty());
        window.show();
        if (getParameters().getRaw().contains(MEASURE_ROOM)) {
            // hosts a room on a free port under a throwaway account; run it with XDG_CONFIG_HOME
            // and XDG_DATA_HOME pointing at scratch folders to keep the user's data out of it
            String secret = java.util.UUID.randomUUID().toString();
            window.hostRoom("measure", secret, "measure", secret);
            LOG.info("measure: hosting room 'measure'");
        }
        if (getParameters().getRaw().contains(SMOKE_TEST)) {
            // installers are checked by starting the real app: the window is up, so stop here
            LOG.info("smoke test: window shown");
            Platform.runLater(Platform::exit);
        }
    }

    public static void main(String[] args) {
        launch(ConfabApp.class, args);
    }
}
