package confab.app.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/// Where Confab keeps its files on this machine, by the conventions of each OS:
///
/// | OS      | settings (`config`)                   | host data (`data`)                    |
/// |---------|---------------------------------------|---------------------------------------|
/// | Linux   | `$XDG_CONFIG_HOME/confab` (`~/.config`) | `$XDG_DATA_HOME/confab` (`~/.local/share`)
// |
/// | macOS   | `~/Library/Application Support/Confab` | the same                              |
/// | Windows | `%APPDATA%\Confab`                     | `%LOCALAPPDATA%\Confab`               |
///
/// The system properties `confab.config.dir` and `confab.data.dir` override both (tests and the
/// screenshot script use them so that they never touch a person's real files).
///
/// @param config settings, recent hosts and the last login
/// @param data the embedded host's accounts, rooms and message history
public record AppDirs(Path config, Path data) {

    /// The directories for the user running this JVM.
    public static AppDirs forCurrentUser() {
        AppDirs os =
                forOs(
                        System.getProperty("os.name", ""),
                        System.getenv(),
                        Path.of(System.getProperty("user.home", ".")));
        String config = System.getProperty("confab.config.dir");
        String data = System.getProperty("confab.data.dir");
        return new AppDirs(
                config == null || config.isBlank() ? os.config() : Path.of(config),
                data == null || data.isBlank() ? os.data() : Path.of(data));
    }

    /// The directories an OS named `osName` (as in the `os.name` property) expects.
    public static AppDirs forOs(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = absolute(env.get("APPDATA"), home.resolve("AppData/Roaming"));
            Path local = absolute(env.get("LOCALAPPDATA"), home.resolve("AppData/Local"));
            return new AppDirs(roaming.resolve("Confab"), local.resolve("Confab"));
        }
        if (os.startsWith("mac")) {
            Path support = home.resolve("Library/Application Support/Confab");
            return new AppDirs(support, support);
        }
        Path config = absolute(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        Path data = absolute(env.get("XDG_DATA_HOME"), home.resolve(".local/share"));
        return new AppDirs(config.resolve("confab"), data.resolve("confab"));
    }

    /// The embedded host's data directory.
    public Path hostData() {
        return data.resolve("host");
    }

    /// The settings file.
    public Path settingsFile() {
        return config.resolve("settings.properties");
    }

    // The XDG spec says relative paths in these variables are to be ignored.
    private static Path absolute(String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : fallback;
    }
}
