package confab.host.store;

/// How hard a commit waits for the disk (SQLite `synchronous` in WAL mode).
public enum Durability {
    /// A committed batch survives a crash of the host process, not necessarily a power cut or an
    /// OS crash, which may lose the last commits (never corrupt the database). The default.
    NORMAL,
    /// Every commit is flushed to the disk (fsync) before it returns: it also survives a power
    /// cut, at roughly 0.2 ms more per commit.
    FULL
}
