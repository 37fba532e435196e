package confab.app.ui;

import confab.app.settings.SettingsStore;
import confab.app.settings.WindowBounds;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/// Remembers where the window was and how big, and puts it there again, unless that place is
/// on no screen any more (a monitor was unplugged).
public final class WindowState {
    private WindowState() {}

    public static void restore(Stage stage, SettingsStore settings, double width, double height) {
        WindowBounds b = settings.get().window();
        if (b != null && onSomeScreen(b)) {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(Math.max(b.width(), stage.getMinWidth()));
            stage.setHeight(Math.max(b.height(), stage.getMinHeight()));
            stage.setMaximized(b.maximized());
        } else {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(width, screen.getWidth()));
            stage.setHeight(Math.min(height, screen.getHeight()));
            stage.centerOnScreen();
        }
    }

    public static void save(Stage stage, SettingsStore settings) {
        if (Double.isNaN(stage.getX()) || stage.getWidth() <= 0 || stage.getHeight() <= 0) {
            return;
        }
        boolean maximized = stage.isMaximized();
        WindowBounds old = settings.get().window();
        // a maximized window's own size is the screen's: keep the size to restore to
        WindowBounds now =
                maximized && old != null
                        ? new WindowBounds(old.x(), old.y(), old.width(), old.height(), true)
                        : new WindowBounds(
                                stage.getX(),
                                stage.getY(),
                                stage.getWidth(),
                                stage.getHeight(),
                                maximized);
        settings.update(s -> s.withWindow(now));
    }

    private static boolean onSomeScreen(WindowBounds b) {
        // at least the title bar's left part must be visible somewhere
        return !Screen.getScreensForRectangle(b.x(), b.y(), Math.min(b.width(), 200), 40).isEmpty();
    }
}
