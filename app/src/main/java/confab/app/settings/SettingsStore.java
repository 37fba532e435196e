package confab.app.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Keeps [Settings] in a small UTF-8 properties file and writes it after every change
/// (through a temporary file and a rename, so a crash never leaves half a file).
///
/// A missing, unreadable or partly invalid file is not an error: what cannot be read falls
/// back to its default, and the app starts anyway.
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private volatile Settings current;

    private SettingsStore(Path file, Settings current) {
        this.file = file;
        this.current = current;
    }

    /// Reads `file` (or the defaults when it does not exist yet).
    public static SettingsStore open(Path file) {
        return new SettingsStore(file, read(file));
    }

    /// A store that keeps settings in memory only.
    public static SettingsStore inMemory(Settings settings) {
        return new SettingsStore(null, settings);
    }

    public Settings get() {
        return current;
    }

    /// Applies `change` and saves the result; a failed save is logged, not thrown: losing a
    /// window position is no reason to stop a chat.
    public synchronized Settings update(UnaryOperator<Settings> change) {
        Settings next = change.apply(current);
        current = next;
        if (file != null) {
            try {
                write(file, next);
            } catch (IOException e) {
                LOG.warn("could not save settings to {}", file, e);
            }
        }
        return next;
    }

    static Settings read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Settings.defaults();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("could not read settings from {}; using defaults", file, e);
            return Settings.defaults();
        }
        Settings d = Settings.defaults();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < Settings.MAX_RECENT_HOSTS; i++) {
            String host = p.getProperty("recentHost." + i);
            if (host != null && !host.isBlank()) {
                hosts.add(host.strip());
            }
        }
        return new Settings(
                enumValue(p.getProperty("theme"), ThemeMode.class, d.theme()),
                enumValue(p.getProperty("language"), LanguageMode.class, d.language()),
                p.getProperty("lastLogin", ""),
                hosts,
                intValue(p.getProperty("hostPort"), d.hostPort()),
                p.getProperty("lastRoom", ""),
                window(p));
    }

    static void write(Path file, Settings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("theme", s.theme().name());
        p.setProperty("language", s.language().name());
        p.setProperty("lastLogin", s.lastLogin());
        p.setProperty("hostPort", Integer.toString(s.hostPort()));
        p.setProperty("lastRoom", s.lastRoom());
        for (int i = 0; i < s.recentHosts().size(); i++) {
            p.setProperty("recentHost." + i, s.recentHosts().get(i));
        }
        WindowBounds w = s.window();
        if (w != null) {
            p.setProperty("window.x", Double.toString(w.x()));
            p.setProperty("window.y", Double.toString(w.y()));
            p.setProperty("window.width", Double.toString(w.width()));
            p.setProperty("window.height", Double.toString(w.height()));
            p.setProperty("window.maximized", Boolean.toString(w.maximized()));
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "settings", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "Confab settings");
            }
            try {
                Files.move(
                        temp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static WindowBounds window(Properties p) {
        List<String> values = new ArrayList<>();
        for (String key : List.of("x", "y", "width", "height")) {
            String value = p.getProperty("window." + key);
            if (value == null) {
                return null;
            }
            values.add(value.strip());
        }
        try {
            return new WindowBounds(
                    Double.parseDouble(values.get(0)),
                    Double.parseDouble(values.get(1)),
                    Double.parseDouble(values.get(2)),
                    Double.parseDouble(values.get(3)),
                    Boolean.parseBoolean(p.getProperty("window.maximized")));
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(String text, Class<E> type, E fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static int intValue(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
