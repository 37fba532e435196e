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

    /// Whether this is a message from a person (delivered or on its way).
    public boolean isMessage() {
        return kind == Kind.MESSAGE || kind == Kind.PENDING;
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

    /// The text as the view should hand it to JavaFX. JavaFX lays out every paragraph with a
    /// left-to-right base direction, whatever the node orientation, so a right-to-left message
    /// would show its final "!" or "?" at the wrong end (and leading ones likewise). For such a
    /// message each line's trailing neutral characters (punctuation, spaces) move to its front
    /// and its leading ones to its end, in reverse order with brackets mirrored: under a
    /// left-to-right layout that is where a right-to-left one puts them. Copying uses [#text()].
    public String displayText() {
        if (!rightToLeft()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(forLeftToRightLayout(lines[i]));
        }
        return out.toString();
    }

    private static String forLeftToRightLayout(String line) {
        int start = 0;
        while (start < line.length() && isNeutral(line.charAt(start))) {
            start++;
        }
        int end = line.length();
        while (end > start && isNeutral(line.charAt(end - 1))) {
            end--;
        }
        return mirrored(line.substring(end))
                + line.substring(start, end)
                + mirrored(line.substring(0, start));
    }

    private static boolean isNeutral(char c) {
        byte d = Character.getDirectionality(c);
        return d == Character.DIRECTIONALITY_OTHER_NEUTRALS
                || d == Character.DIRECTIONALITY_WHITESPACE
                || d == Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR;
    }

    // reversed, with each bracket turned the other way
    private static String mirrored(String neutrals) {
        StringBuilder out = new StringBuilder(neutrals.length());
        for (int i = neutrals.length() - 1; i >= 0; i--) {
            char c = neutrals.charAt(i);
            out.append(
                    switch (c) {
                        case '(' -> ')';
                        case ')' -> '(';
                        case '[' -> ']';
                        case ']' -> '[';
                        case '{' -> '}';
                        case '}' -> '{';
                        case '«' -> '»';
                        case '»' -> '«';
                        default -> c;
                    });
        }
        return out.toString();
    }

    /// Whether the text reads right to left: its first letter with a strong direction is
    /// Hebrew, Arabic or another RTL script.
    public boolean rightToLeft() {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            switch (Character.getDirectionality(cp)) {
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE -> {
                    return true;
                }
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT,
                        Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING,
                        Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
                        Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE -> {
                    return false;
                }
                default -> i += Character.charCount(cp);
            }
        }
        return false;
    }
}
