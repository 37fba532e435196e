package confab.host;

/// Which of a host's limits turned a connection away or cut it, for a listener to show in its
/// own words (the host's log has the details).
public enum Defence {
    /// Too many connections in all, or from one address.
    CONNECTION_CAP,
    /// A frame or message the protocol does not allow.
    BAD_INPUT,
    /// Requests far over the rate limit.
    REQUEST_FLOOD,
    /// No hello within the handshake timeout.
    HANDSHAKE_TIMEOUT,
    /// Nothing read (not even a ping's answer) within the read timeout.
    READ_TIMEOUT
}
