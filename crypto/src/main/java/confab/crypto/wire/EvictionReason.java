package confab.crypto.wire;

/// Why the host took a connection off a room's address list.
public enum EvictionReason {
    /// The socket closed, reset or broke; reading or writing noticed first, whichever did.
    CONNECTION_LOST,
    /// The member's queue stayed over its bound with no write progress.
    STOPPED_READING,
    /// No traffic, not even a pong, within the read timeout.
    TIMED_OUT,
    /// The member broke the protocol.
    PROTOCOL_VIOLATION
}
