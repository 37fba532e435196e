package confab.host.store;

/// A storage failure: the database could not be read or written, a batch broke a constraint,
/// or the database file is not one this version can use. Unchecked, since the caller can rarely
/// do more than report it; the cause is usually the `SQLException`.
public final class HostStoreException extends RuntimeException {
    public HostStoreException(String message) {
        super(message);
    }

    public HostStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
