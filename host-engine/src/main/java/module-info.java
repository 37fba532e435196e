/// The host: listener, connections, room threads, the accounts and history store, and the
/// headless `confab-host` command. No JavaFX.
module confab.host {
    requires confab.crypto;
    requires org.slf4j;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires info.picocli;

    exports confab.host;

    opens confab.host.cli to
            info.picocli;
}
