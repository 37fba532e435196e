package confab.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import confab.app.settings.ThemeMode;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;

/// Applies the AtlantaFX Primer theme, light or dark as the setting says; with "system" it
/// follows the OS's light or dark preference, also when that changes while the app runs.
public final class ThemeController {
    private final ObservableValue<ThemeMode> mode;

    private ThemeController(ObservableValue<ThemeMode> mode) {
        this.mode = mode;
    }

    /// Applies `mode` now and whenever it or the OS preference changes.
    public static ThemeController follow(ObservableValue<ThemeMode> mode) {
        ThemeController controller = new ThemeController(mode);
        mode.addListener((obs, old, now) -> controller.apply());
        Platform.getPreferences()
                .colorSchemeProperty()
                .addListener((obs, old, now) -> controller.apply());
        controller.apply();
        return controller;
    }

    /// Whether the dark variant is showing.
    public boolean dark() {
        return switch (mode.getValue()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
    }

    private void apply() {
        Application.setUserAgentStylesheet(
                dark()
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
    }
}
