package confab.app.ui;

import confab.app.connect.Connector;
import confab.app.connect.HostLauncher;
import confab.app.i18n.I18n;
import confab.app.settings.LanguageMode;
import confab.app.settings.SettingsStore;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/// What a window needs from the outside world; the app passes the real things, UI tests pass
/// temporary directories, a loopback-only host and a cheap key derivation.
///
/// @param i18n the UI texts
/// @param language the language setting the texts were chosen by
/// @param settings the settings file
/// @param connector opens connections to hosts
/// @param launcher starts an embedded host that reports on the given executor's UI thread
/// @param clock the time shown on notices and in the dashboard
/// @param freePort finds a free port
/// @param lanAddresses this machine's LAN addresses
public record AppContext(
        I18n i18n,
        LanguageMode language,
        SettingsStore settings,
        Connector connector,
        Function<UiExecutor, HostLauncher> launcher,
        InstantSource clock,
        IntSupplier freePort,
        Supplier<List<String>> lanAddresses) {}
