package confab.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/// What Confab remembers between runs. No password ever: there is no field for one.
///
/// @param theme light, dark or the OS's choice
/// @param language the UI language
/// @param lastLogin the login last used successfully, or empty
/// @param recentHosts addresses joined before, most recent first, at most [#MAX_RECENT_HOSTS]
/// @param hostPort the port last used to host
/// @param lastRoom the room last hosted, or empty
/// @param window the main window's last bounds, or `null` before the first run
public record Settings(
        ThemeMode theme,
        LanguageMode language,
        String lastLogin,
        List<String> recentHosts,
        int hostPort,
        String lastRoom,
        WindowBounds window) {

    public static final int MAX_RECENT_HOSTS = 8;
    public static final int DEFAULT_HOST_PORT = 7331;

    public Settings {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(language, "language");
        lastLogin = lastLogin == null ? "" : lastLogin;
        lastRoom = lastRoom == null ? "" : lastRoom;
        recentHosts = List.copyOf(recentHosts);
        if (hostPort < 1 || hostPort > 65535) {
            hostPort = DEFAULT_HOST_PORT;
        }
    }

    /// What a first run starts with.
    public static Settings defaults() {
        return new Settings(
                ThemeMode.SYSTEM, LanguageMode.SYSTEM, "", List.of(), DEFAULT_HOST_PORT, "", null);
    }

    public Settings withTheme(ThemeMode value) {
        return new Settings(value, language, lastLogin, recentHosts, hostPort, lastRoom, window);
    }

    public Settings withLanguage(LanguageMode value) {
        return new Settings(theme, value, lastLogin, recentHosts, hostPort, lastRoom, window);
    }

    public Settings withLastLogin(String value) {
        return new Settings(theme, language, value, recentHosts, hostPort, lastRoom, window);
    }

    /// `host` moved (or added) to the front of the recent hosts; the same address typed in
    /// another case counts once.
    public Settings withRecentHost(String host) {
        String added = host.strip();
        List<String> hosts = new ArrayList<>();
        hosts.add(added);
        for (String known : recentHosts) {
            if (!known.toLowerCase(Locale.ROOT).equals(added.toLowerCase(Locale.ROOT))) {
                hosts.add(known);
            }
        }
        List<String> capped = hosts.subList(0, Math.min(hosts.size(), MAX_RECENT_HOSTS));
        return new Settings(theme, language, lastLogin, capped, hostPort, lastRoom, window);
    }

    public Settings withHostPort(int value) {
        return new Settings(theme, language, lastLogin, recentHosts, value, lastRoom, window);
    }

    public Settings withLastRoom(String value) {
        return new Settings(theme, language, lastLogin, recentHosts, hostPort, value, window);
    }

    public Settings withWindow(WindowBounds value) {
        return new Settings(theme, language, lastLogin, recentHosts, hostPort, lastRoom, value);
    }
}
