package confab.crypto.wire;

/// Why the host refused a request. The client maps each code to its own clear message.
public enum ErrorCode {
    /// The frame or its JSON did not follow the protocol; the connection is closed.
    MALFORMED,
    /// Client and host speak different protocol versions.
    INCOMPATIBLE_VERSION,
    /// The request needs a login (or a join) first.
    NOT_AUTHENTICATED,
    /// Login or room password proof did not verify.
    BAD_CREDENTIALS,
    /// Registration with a login that exists.
    LOGIN_TAKEN,
    /// Room creation with a name that exists.
    ROOM_EXISTS,
    /// No such room.
    NO_SUCH_ROOM,
    /// Not a member of the room named in the request.
    NOT_A_MEMBER,
    /// Too many requests or too many failed logins; retry later.
    RATE_LIMITED,
    /// Connection cap reached (in total or for this address).
    HOST_FULL,
    /// No handshake, or no traffic, within the allowed time.
    TIMEOUT,
    /// The host is shutting down.
    SHUTTING_DOWN,
    /// A request the protocol allows but whose content is invalid (a bad name, say).
    INVALID_REQUEST,
    /// A failure inside the host; nothing the client did.
    INTERNAL
}
