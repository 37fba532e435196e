package confab.crypto;

/// The message was sealed with another room key than ours, or for another room: typically a
/// wrong room password (which derives a key that opens nothing) or a message from another room.
public final class WrongRoomKeyException extends MessageRejectedException {
    WrongRoomKeyException(String message) {
        super(message);
    }
}
