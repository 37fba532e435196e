package confab.app.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.ui.chat.BidiLayout.Paragraph;
import confab.app.ui.chat.BidiLayout.Piece;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// The expected orders are those of the Unicode Bidirectional Algorithm (as a browser shows the
/// text with `dir=auto`), written left to right, one piece between bars.
class BidiLayoutTest {
    private static Paragraph only(String text) {
        List<Paragraph> paragraphs = BidiLayout.of(text);
        assertThat(paragraphs).hasSize(1);
        return paragraphs.get(0);
    }

    private static List<String> shown(Paragraph p) {
        return p.visualOrder().stream().map(Piece::text).toList();
    }

    private static List<String> pieces(String bars) {
        return Arrays.asList(bars.split("\\|", -1));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "שלום עולם;true",
                "مرحبا بالعالم;true",
                "123 שלום;true",
                "(!) שלום;true",
                "hello שלום;false",
                "Привет;false",
                "你好;false",
                "👋 🙂;false",
                "123 456;false",
            })
    void directionFollowsTheFirstStrongLetter(String text, boolean rtl) {
        assertThat(only(text).rightToLeft()).isEqualTo(rtl);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                // right to left inside left to right: the Hebrew words swap places
                "Hello שלום world!;Hello |שלום| world!",
                "Hello שלום עולם world;Hello |עולם| |שלום| world",
                "Hello שלום, עולם world;Hello |עולם| |,|שלום| world",
                // numbers next to right-to-left text
                "Mixed 123 עברית 456 text.;Mixed 123 |456| |עברית| text.",
                "שלום 123 עולם;עולם| |123| |שלום",
                // left to right inside right to left
                "שלום, how are you?;?|how are you| |,|שלום",
                "أنا أحب Java كثيرا;كثيرا| |Java| |أحب| |أنا",
            })
    void piecesAppearInTheOrderOfTheBidiAlgorithm(String text, String leftToRight) {
        assertThat(shown(only(text))).isEqualTo(pieces(leftToRight));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "مرحبا بالعالم!;!|بالعالم| |مرحبا",
                "שלום?!;!|?|שלום",
                "...שלום;שלום|.|.|.",
                "שלום (עולם)!;!|)|עולם|(| |שלום",
            })
    void punctuationAtTheEndOfARightToLeftLineIsOnTheLeft(String text, String leftToRight) {
        // the brackets are reversed here; JavaFX draws them mirrored, so they still enclose
        assertThat(shown(only(text))).isEqualTo(pieces(leftToRight));
    }

    @Test
    void punctuationAtTheEndOfALeftToRightLineStaysOnTheRight() {
        assertThat(shown(only("Hello (world)!"))).containsExactly("Hello (world)!");
    }

    @Test
    void eachLineHasItsOwnDirection() {
        List<Paragraph> lines = BidiLayout.of("שלום!\nHello, שלום!\r\n\nمرحبا");

        assertThat(lines)
                .extracting(Paragraph::text)
                .containsExactly("שלום!", "Hello, שלום!", "", "مرحبا");
        assertThat(lines)
                .extracting(Paragraph::rightToLeft)
                .containsExactly(true, false, false, true);
        assertThat(shown(lines.get(0))).containsExactly("!", "שלום");
        assertThat(shown(lines.get(1))).containsExactly("Hello, ", "שלום", "!");
        assertThat(lines.get(2).pieces()).isEmpty();
    }

    @Test
    void piecesMakeUpTheLineInLogicalOrder() {
        String line = "Hi שלום, (עולם) 123 👋🏽 done!";
        Paragraph p = only(line);

        assertThat(String.join("", p.pieces().stream().map(Piece::text).toList())).isEqualTo(line);
        int at = 0;
        for (Piece piece : p.pieces()) {
            assertThat(piece.start()).isEqualTo(at);
            at += piece.text().length();
        }
    }

    @Test
    void aRightToLeftPieceIsOneWordOrOneOtherCharacter() {
        // Pango would lay out a run of Hebrew letters and punctuation in the wrong order
        Paragraph p = only("שלום, עולם! מה נשמע?");

        for (Piece piece : p.pieces()) {
            assertThat(piece.rightToLeft()).isTrue();
            boolean word = piece.text().codePoints().allMatch(BidiLayoutTest::rtlLetter);
            boolean spaces = piece.text().isBlank();
            assertThat(word || spaces || piece.text().codePointCount(0, piece.text().length()) == 1)
                    .as(piece.text())
                    .isTrue();
        }
        assertThat(p.pieces())
                .extracting(Piece::text)
                .containsExactly("שלום", ",", " ", "עולם", "!", " ", "מה", " ", "נשמע", "?");
    }

    @Test
    void aComplexScriptIsCutWhereALineMayBreak() {
        // JavaFX cannot wrap inside one Pango-shaped run: it must be able to wrap between pieces
        assertThat(only("नमस्ते दुनिया, आप कैसे हैं?").pieces())
                .extracting(Piece::text)
                .containsExactly("नमस्ते ", "दुनिया, ", "आप ", "कैसे ", "हैं?");
    }

    @Test
    void stretchesThatJavaFxMustNotWrapAreTheShapedWords() {
        assertThat(only("Hello שלום, עולם world").keepWhole()).containsExactly("שלום,", "עולם");
        assertThat(only("नमस्ते नमस्ते ok").keepWhole()).containsExactly("नमस्ते");
        assertThat(only("Hello, plain world 123").keepWhole()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "Hello, world! Привет 你好 123;true",
                "Hello שלום;false",
                "مرحبا;false",
                "नमस्ते;false",
                "e\u0301;false",
            })
    void onlyTextWithoutShapedScriptsWrapsSafelyInOneNode(String text, boolean safe) {
        assertThat(BidiLayout.wrapsSafely(text)).isEqualTo(safe);
    }

    @Test
    void leftToRightTextStaysInOnePiece() {
        assertThat(only("Привет, 世界! How are you?").pieces())
                .extracting(Piece::text)
                .containsExactly("Привет, 世界! How are you?");
    }

    @Test
    void eachEmojiIsAPieceOfItsOwnWithItsWholeCluster() {
        String family = "👨\u200D👩\u200D👧";
        Paragraph p = only("Hi 👋🏽" + family + " ok ❤\uFE0F");

        assertThat(p.pieces())
                .extracting(Piece::text, Piece::emoji)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Hi ", false),
                        org.assertj.core.groups.Tuple.tuple("👋🏽", true),
                        org.assertj.core.groups.Tuple.tuple(family, true),
                        org.assertj.core.groups.Tuple.tuple(" ok ", false),
                        org.assertj.core.groups.Tuple.tuple("❤\uFE0F", true));
    }

    @Test
    void emojiInARightToLeftLineTakeTheirPlaceInIt() {
        assertThat(shown(only("שלום 👋 עולם 🍜")))
                .containsExactly("🍜", " ", "עולם", " ", "👋", " ", "שלום");
    }

    @Test
    void anEmojiIsDrawnWithoutSelectorsAndJoinersButKeepsThemInItsText() {
        String family = "👨\u200D👩\u200D👧";
        Piece piece = only(family + " ❤\uFE0F").pieces().get(0);

        assertThat(piece.text()).isEqualTo(family);
        assertThat(piece.drawn()).isEqualTo("👨👩👧");
        assertThat(only("❤\uFE0F").pieces().get(0).drawn()).isEqualTo("❤");
        assertThat(only("שלום!").pieces().get(0).drawn()).isEqualTo("שלום");
    }

    @Test
    void plainSymbolsAreNotEmoji() {
        assertThat(only("a © b ✓ c 1").pieces()).noneMatch(Piece::emoji);
    }

    private static boolean rtlLetter(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
