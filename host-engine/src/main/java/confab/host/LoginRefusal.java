package confab.host;

/// Why a host refused a login or room join, for a listener to show in its own words.
public enum LoginRefusal {
    /// The login and password did not verify.
    BAD_LOGIN,
    /// The room password did not verify.
    BAD_ROOM_PASSWORD,
    /// Too many failed attempts for this login or room, or from this address, lately.
    THROTTLED
}
