package confab.host.cli;

import java.nio.file.Path;
import java.util.Locale;

/// The per-user data folder, as each OS expects it.
final class DataDirs {
    private DataDirs() {}

    static Path userDataDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("LOCALAPPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Local"))
                    .resolve("Confab");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Confab");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share"))
                .resolve("confab");
    }
}
