package confab.app.ui.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/// One line of a room's message list.
///
/// @param kind what the line is
/// @param seq the room's sequence number of a delivered message, 0 otherwise
/// @param sender who wrote it (`null` for notices)
/// @param text the message, or the notice in the UI language
/// @param time when it was sent (messages) or happened (notices)
/// @param own whether the user wrote it
/// @param startsGroup whether it starts a run of messages from one sender (the view shows the
///     sender and time only there)
public record ChatLine(
        Kind kind,
        long seq,
        String sender,
        String text,
        Instant time,
        boolean own,
        boolean startsGroup) {

    /// Messages further apart than this start a new group even from the same sender.
    public static final Duration GROUP_GAP = Duration.ofMinutes(5);

    public enum Kind {
        /// A message the host delivered and this app verified and decrypted.
        MESSAGE,
        /// The user's message on its way: not yet echoed by the host.
        PENDING,
        /// The user's message that will not be sent: the session dropped it with its room (the
        /// room could not be re-joined after a reconnect, or the user left it). Its text stays
        /// on screen so that it can be copied and sent again.
        UNSENT,
        /// Someone joined, left or was disconnected.
        NOTICE,
        /// A message that failed verification: shown as such, never silently dropped.
        REJECTED
    }

    public ChatLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
    }

    /// Whether this is a message from a person (delivered, on its way or not sent).
    public boolean isMessage() {
        return kind == Kind.MESSAGE || kind == Kind.PENDING || kind == Kind.UNSENT;
    }

    /// Whether `next` continues this line's group: same sender, a message, and soon after.
    boolean groupsWith(ChatLine next) {
        return isMessage()
                && next.isMessage()
                && Objects.equals(sender, next.sender)
                && !next.time.isAfter(time.plus(GROUP_GAP));
    }

    ChatLine withStartsGroup(boolean value) {
        return value == startsGroup
                ? this
                : new ChatLine(kind, seq, sender, text, time, own, value);
    }
}
