package confab.app.settings;

/// Where the main window was and how big, so that it opens there again.
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    public WindowBounds {
        if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException(
                    "not a window: " + x + "," + y + " " + width + "x" + height);
        }
    }
}
