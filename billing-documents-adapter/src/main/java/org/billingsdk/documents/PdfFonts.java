package org.billingsdk.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The TrueType fonts a PDF document is written in: DejaVu Sans (regular and bold, bundled), then
 * the fallbacks the host gives, in order, for the characters DejaVu Sans lacks (CJK, emoji...).
 * Each character is written in the first font that has a glyph for it; one that no font has is
 * written as U+FFFD. Immutable and thread-safe: each font's characters are read once, when it is
 * added, and each document embeds the subsets it uses.
 */
public final class PdfFonts {

    /** Where Debian and Ubuntu install fonts that cover most of what DejaVu Sans lacks. */
    private static final List<Path> SYSTEM_FALLBACKS = List.of(
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"));

    /** A font: its bytes and the code points it has a glyph for. */
    record Font(String name, byte[] bytes, BitSet covered) {
        boolean has(int codePoint) {
            return covered.get(codePoint);
        }

        InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    private final Font regular;
    private final Font bold;
    private final List<Font> fallbacks;

    private PdfFonts(Font regular, Font bold, List<Font> fallbacks) {
        this.regular = regular;
        this.bold = bold;
        this.fallbacks = List.copyOf(fallbacks);
    }

    /**
     * DejaVu Sans alone: Latin, Greek, Cyrillic, Hebrew, Arabic letters and the common symbols.
     *
     * @return the fonts
     */
    public static PdfFonts bundled() {
        return new PdfFonts(bundledFont("DejaVuSans.ttf"), bundledFont("DejaVuSans-Bold.ttf"), List.of());
    }

    /**
     * DejaVu Sans, then those of Debian's and Ubuntu's fallback fonts that are installed: Droid Sans
     * Fallback (package {@code fonts-droid-fallback}: Chinese, Japanese, Korean) and Symbola
     * ({@code fonts-symbola}: emoji and symbols).
     *
     * @return the fonts
     */
    public static PdfFonts withSystemFallbacks() {
        PdfFonts fonts = bundled();
        for (Path path : SYSTEM_FALLBACKS) {
            if (Files.isReadable(path)) {
                fonts = fonts.withFallback(path);
            }
        }
        return fonts;
    }

    /**
     * These fonts and then {@code font}, for the characters none of them has.
     *
     * @param font a TrueType font file ({@code .ttf}; OpenType fonts with CFF outlines are not supported)
     * @return the fonts with it
     * @throws UncheckedIOException if it cannot be read or is not a TrueType font
     */
    public PdfFonts withFallback(Path font) {
        Objects.requireNonNull(font, "font");
        try {
            return withFallback(font.getFileName().toString(), Files.readAllBytes(font));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the font " + font, e);
        }
    }

    /**
     * These fonts and then the TrueType font {@code bytes}, for the characters none of them has.
     *
     * @param name what errors call it
     * @param bytes the font file's bytes; copied
     * @return the fonts with it
     * @throws UncheckedIOException if they are not a TrueType font
     */
    public PdfFonts withFallback(String name, byte[] bytes) {
        List<Font> more = new ArrayList<>(fallbacks);
        more.add(font(Objects.requireNonNull(name, "name"), bytes.clone()));
        return new PdfFonts(regular, bold, more);
    }

    /** {@return the names of the fallback fonts, in order} */
    public List<String> fallbackNames() {
        return fallbacks.stream().map(Font::name).toList();
    }

    Font regular() {
        return regular;
    }

    Font bold() {
        return bold;
    }

    List<Font> fallbacks() {
        return fallbacks;
    }

    private static Font bundledFont(String file) {
        try (InputStream in = PdfFonts.class.getResourceAsStream("fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the bundled font " + file + " is missing from the jar");
            }
            return font(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled font " + file, e);
        }
    }

    private static Font font(String name, byte[] bytes) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            BitSet covered = new BitSet();
            for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
                if (cmap.getGlyphId(codePoint) > 0) {
                    covered.set(codePoint);
                }
            }
            return new Font(name, bytes, covered);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read the TrueType font " + name, e));
        }
    }
}
