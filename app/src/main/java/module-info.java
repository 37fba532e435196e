/// The desktop app: host a room or join one. The client session package has no JavaFX in it.
module confab.app {
    requires transitive confab.crypto;
    requires confab.host;
    requires org.slf4j;
    requires javafx.controls;
    requires atlantafx.base;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;

    exports confab.app;
    exports confab.app.session;
}
