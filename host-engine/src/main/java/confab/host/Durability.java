package confab.host;

/// How hard the host's database works to keep a commit.
public enum Durability {
    /// WAL with `synchronous=NORMAL`: survives a crash of the host process, may lose the last
    /// commits on power loss.
    NORMAL,
    /// `synchronous=FULL`: every group commit is synced to disk.
    FULL
}
