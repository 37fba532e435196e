package confab.app.ui;

import atlantafx.base.theme.Styles;
import confab.app.i18n.I18n;
import confab.app.settings.LanguageMode;
import confab.app.settings.ThemeMode;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import org.kordamp.ikonli.feather.Feather;

/// The gear menu: theme and language.
public final class SettingsMenu {
    private SettingsMenu() {}

    public static MenuButton create(I18n i18n, SettingsViewModel vm) {
        Menu theme = new Menu(i18n.get("settings.theme"), Ui.icon(Feather.SUN));
        for (ThemeMode mode : ThemeMode.values()) {
            theme.getItems()
                    .add(
                            radio(
                                    i18n.get("settings.theme." + lower(mode)),
                                    mode,
                                    vm.themeProperty()));
        }
        groupAll(theme);
        Menu language = new Menu(i18n.get("settings.language"), Ui.icon(Feather.GLOBE));
        // said before a language is chosen: the open windows keep theirs
        MenuItem note = new MenuItem(i18n.get("settings.language.note"), Ui.icon(Feather.INFO));
        note.setDisable(true);
        note.setId("settings-language-note");
        language.getItems().addAll(note, new SeparatorMenuItem());
        for (LanguageMode mode : LanguageMode.values()) {
            language.getItems()
                    .add(
                            radio(
                                    i18n.get("settings.language." + lower(mode)),
                                    mode,
                                    vm.languageProperty()));
        }
        groupAll(language);

        MenuButton button = new MenuButton(null, Ui.icon(Feather.SETTINGS));
        button.getItems().addAll(theme, language);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(Ui.tip(i18n.get("settings.tooltip")));
        button.setAccessibleText(i18n.get("settings.tooltip"));
        button.setId("settings");
        return button;
    }

    private static <E> RadioMenuItem radio(String text, E value, ObjectProperty<E> property) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setSelected(property.get() == value);
        item.setOnAction(e -> property.set(value));
        property.addListener((obs, old, now) -> item.setSelected(now == value));
        return item;
    }

    private static void groupAll(Menu menu) {
        ToggleGroup group = new ToggleGroup();
        menu.getItems().stream()
                .filter(RadioMenuItem.class::isInstance)
                .map(RadioMenuItem.class::cast)
                .forEach(i -> i.setToggleGroup(group));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
