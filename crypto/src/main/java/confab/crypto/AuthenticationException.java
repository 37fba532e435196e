package confab.crypto;

import java.security.GeneralSecurityException;

/// An SRP login or room-access handshake failed: wrong password, a value from the other side
/// that is out of range, or evidence that does not verify. The message says which, without any
/// secret in it.
public final class AuthenticationException extends GeneralSecurityException {
    public AuthenticationException(String message) {
        super(message);
    }

    AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
