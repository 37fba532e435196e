package confab.crypto;

import java.security.GeneralSecurityException;

/// A chat message was refused. Every failure to open a sealed message, and every replay, is one
/// of these; none is ever silent.
///
/// The subclass is a best-effort label for the user interface: the key identifiers it rests on
/// travel in the clear and an attacker can edit them, so a label may be wrong, but the message
/// is rejected whatever the label.
public abstract sealed class MessageRejectedException extends GeneralSecurityException
        permits TamperedMessageException,
                WrongRoomKeyException,
                MisattributedMessageException,
                ReplayedMessageException,
                UnsupportedFormatException {
    MessageRejectedException(String message) {
        super(message);
    }
}
