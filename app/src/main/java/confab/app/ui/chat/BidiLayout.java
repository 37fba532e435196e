package confab.app.ui.chat;

import java.text.Bidi;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/// A message cut into what the chat view hands to JavaFX: one [Paragraph] per line, each with
/// the direction the Unicode Bidirectional Algorithm gives it (its first strong letter, as
/// HTML's `dir=auto`: left to right when there is none), cut into [Piece]s in logical order.
///
/// The view shows a paragraph as a `TextFlow` in the paragraph's direction with one node per
/// piece, and JavaFX orders the pieces itself (by `java.text.Bidi`, as [Paragraph#visualOrder]
/// does) and wraps them. The pieces work around two defects of how JavaFX 26 shapes text with
/// Pango on Linux, which it does for every right-to-left run and every run of a complex script
/// (Arabic, Hebrew, Devanagari, Thai, combining marks...):
///
/// - Pango splits such a run by font (Hebrew letters from a Hebrew font, the comma after them
///   from the Latin one) and JavaFX lays those parts out in logical order instead of reversing
///   them for right to left, so the comma lands on the wrong side. Hence, inside a
///   right-to-left run every piece is one word of right-to-left letters, one stretch of spaces
///   or one other character, never a mix.
/// - When JavaFX wraps a line inside such a run, it shapes the run's first part again from a
///   cache keyed by the run before the cut: it draws the whole run on the first row (or throws
///   `ArrayIndexOutOfBoundsException` from `PrismTextLayout.computeTrailingSpaceWidth`). Hence
///   such runs are also cut at every line-break opportunity, so that JavaFX wraps between
///   pieces, and [Paragraph#keepWhole] names the stretches the view must keep wide enough.
///
/// Other left-to-right runs stay whole: there logical order is the visual one.
///
/// Emoji are pieces of their own ([Piece#emoji()]): Pango picks a colour emoji font for them,
/// which JavaFX cannot draw (it shows a box or a wrong glyph), so the view draws each emoji
/// ([Piece#drawn()]) on its own, outside Pango, where JavaFX's own font fallback finds an
/// outline emoji font such as Symbola.
public final class BidiLayout {
    private BidiLayout() {}

    /// One line of a message.
    ///
    /// @param text the line, without its line break
    /// @param rightToLeft whether the line reads right to left (its first strong letter is
    ///     right-to-left); the view aligns such a line to the right
    /// @param pieces the line cut into pieces, in logical order; their texts make up `text`
    /// @param keepWhole the stretches of the line between two line-break opportunities (without
    ///     trailing spaces) that JavaFX shapes with Pango: the view must not wrap inside them
    public record Paragraph(
            String text, boolean rightToLeft, List<Piece> pieces, List<String> keepWhole) {
        public Paragraph {
            Objects.requireNonNull(text, "text");
            pieces = List.copyOf(pieces);
            keepWhole = List.copyOf(keepWhole);
        }

        /// The pieces from left to right, as the bidirectional algorithm shows the line when it
        /// fits on one row.
        public List<Piece> visualOrder() {
            Piece[] order = pieces.toArray(Piece[]::new);
            byte[] levels = new byte[order.length];
            for (int i = 0; i < order.length; i++) {
                levels[i] = (byte) order[i].level();
            }
            Bidi.reorderVisually(levels, 0, order, 0, order.length);
            return List.of(order);
        }
    }

    /// A part of a line that JavaFX can draw in one go.
    ///
    /// @param text the characters, in logical order
    /// @param start where they start in the line
    /// @param level the bidirectional embedding level: odd for right to left
    /// @param emoji whether this is one emoji (a whole grapheme cluster)
    public record Piece(String text, int start, int level, boolean emoji) {
        public Piece {
            Objects.requireNonNull(text, "text");
        }

        /// Whether the piece runs right to left.
        public boolean rightToLeft() {
            return (level & 1) != 0;
        }

        /// The text to draw. For an emoji, that is without the emoji variation selector
        /// (U+FE0F) and zero-width joiners: they would send it through Pango to a colour font
        /// that JavaFX cannot draw, and an outline font has one glyph per character anyway (a
        /// family shows as its members side by side).
        public String drawn() {
            if (!emoji) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints()
                    .filter(cp -> cp != 0xFE0F && cp != 0x200D)
                    .forEach(out::appendCodePoint);
            return out.isEmpty() ? text : out.toString();
        }
    }

    /// Cuts `text` into lines at `\n` (a `\r` before it goes too) and each line into pieces.
    public static List<Paragraph> of(String text) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            paragraphs.add(
                    paragraph(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
        }
        return paragraphs;
    }

    private static Paragraph paragraph(String line) {
        if (line.isEmpty()) {
            return new Paragraph(line, false, List.of(), List.of());
        }
        boolean[] breakable = new boolean[line.length() + 1];
        BreakIterator breaks = BreakIterator.getLineInstance();
        breaks.setText(line);
        for (int b = breaks.first(); b != BreakIterator.DONE; b = breaks.next()) {
            breakable[b] = true;
        }
        Bidi bidi = new Bidi(line, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        List<Piece> pieces = new ArrayList<>();
        for (int run = 0; run < bidi.getRunCount(); run++) {
            int start = bidi.getRunStart(run);
            int limit = bidi.getRunLimit(run);
            cut(line, start, limit, bidi.getRunLevel(run), breakable, pieces);
        }
        return new Paragraph(
                line, !bidi.baseIsLeftToRight(), pieces, keepWhole(line, bidi, breakable));
    }

    // a run of one level: emoji apart; if Pango shapes it, also at every line-break
    // opportunity, and if it runs right to left, also words, spaces and others apart
    private static void cut(
            String line, int start, int limit, int level, boolean[] breakable, List<Piece> out) {
        boolean rtl = (level & 1) != 0;
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(line.substring(start, limit));
        List<Integer> bounds = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        boolean shaped = rtl;
        for (int from = start, to = start + clusters.next();
                from < limit;
                from = to, to = start + clusters.next()) {
            Kind kind = kindOf(line, from, to, rtl);
            bounds.add(from);
            kinds.add(kind);
            shaped |=
                    kind != Kind.EMOJI
                            && line.substring(from, to).codePoints().anyMatch(BidiLayout::shaped);
        }
        bounds.add(limit);
        int pieceStart = start;
        Kind pieceKind = null;
        for (int c = 0; c < kinds.size(); c++) {
            int from = bounds.get(c);
            Kind kind = kinds.get(c);
            boolean joins =
                    pieceKind == kind
                            && (kind == Kind.WORD || kind == Kind.SPACE || kind == Kind.TEXT)
                            && !(shaped && breakable[from]);
            if (!joins) {
                add(line, pieceStart, from, level, pieceKind, out);
                pieceStart = from;
                pieceKind = kind;
            }
        }
        add(line, pieceStart, limit, level, pieceKind, out);
    }

    private static void add(
            String line, int start, int end, int level, Kind kind, List<Piece> out) {
        if (end > start) {
            out.add(new Piece(line.substring(start, end), start, level, kind == Kind.EMOJI));
        }
    }

    // the stretches between line-break opportunities with text that Pango shapes
    private static List<String> keepWhole(String line, Bidi bidi, boolean[] breakable) {
        Set<String> whole = new LinkedHashSet<>();
        int from = 0;
        for (int to = 1; to <= line.length(); to++) {
            if (!breakable[to]) {
                continue;
            }
            String stretch = line.substring(from, to).stripTrailing();
            boolean shaped = false;
            for (int i = from; i < from + stretch.length(); i++) {
                shaped |= (bidi.getLevelAt(i) & 1) != 0 || shaped(line.charAt(i));
            }
            if (shaped) {
                whole.add(stretch);
            }
            from = to;
        }
        return List.copyOf(whole);
    }

    /// Whether JavaFX can wrap `text` as one text node (as a `TextArea` does): it has no
    /// right-to-left letter and nothing else that JavaFX shapes with Pango.
    public static boolean wrapsSafely(String text) {
        return text.codePoints()
                .noneMatch(
                        cp -> {
                            byte d = Character.getDirectionality(cp);
                            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                                    || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                                    || shaped(cp);
                        });
    }

    /// Whether JavaFX shapes the character with Pango even in a left-to-right run: a mark
    /// (accents, vowel signs) or a letter of a script that needs shaping. Errs on the side of
    /// yes: that only costs a few more pieces.
    static boolean shaped(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            return true;
        }
        if (!Character.isLetter(cp)) {
            return false;
        }
        return switch (Character.UnicodeScript.of(cp)) {
            case LATIN, GREEK, CYRILLIC, ARMENIAN, GEORGIAN, HAN, HIRAGANA, KATAKANA, BOPOMOFO ->
                    false;
            case HANGUL -> cp >= 0x1100 && cp <= 0x11FF; // conjoining jamo
            default -> true;
        };
    }

    private enum Kind {
        /// left to right text
        TEXT,
        /// right-to-left letters with their marks
        WORD,
        /// white space between right-to-left words
        SPACE,
        /// anything else in a right-to-left run: one cluster
        OTHER,
        /// one emoji cluster
        EMOJI
    }

    private static Kind kindOf(String line, int from, int to, boolean rtl) {
        if (isEmoji(line, from, to)) {
            return Kind.EMOJI;
        }
        if (!rtl) {
            return Kind.TEXT;
        }
        int first = line.codePointAt(from);
        return switch (Character.getDirectionality(first)) {
            case Character.DIRECTIONALITY_RIGHT_TO_LEFT,
                    Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
                    Character.DIRECTIONALITY_NONSPACING_MARK,
                    Character.DIRECTIONALITY_BOUNDARY_NEUTRAL ->
                    Kind.WORD;
            case Character.DIRECTIONALITY_WHITESPACE -> Kind.SPACE;
            default -> Kind.OTHER;
        };
    }

    /// Whether the grapheme cluster is an emoji that Pango would draw in emoji presentation: a
    /// character shown as emoji by default, or a sequence with the emoji variation selector, a
    /// keycap or a skin tone.
    static boolean isEmoji(String line, int from, int to) {
        int first = line.codePointAt(from);
        if (Character.isEmojiPresentation(first)) {
            return true;
        }
        for (int i = from; i < to; ) {
            int cp = line.codePointAt(i);
            if (cp == 0xFE0F || cp == 0x20E3 || Character.isEmojiModifier(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
