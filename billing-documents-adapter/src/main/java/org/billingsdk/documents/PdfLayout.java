package org.billingsdk.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays text out on A4 pages, top to bottom, starting a page when the next block does not fit, and
 * numbers the pages at the end. Each character is written in the first of the fonts that has it
 * (U+FFFD when none has), right-to-left runs in visual order, so that a reader (and a text
 * extractor) sees the text as it was given. Not thread-safe: one per document.
 */
final class PdfLayout {

    static final float LEFT = 50;
    static final float RIGHT = PDRectangle.A4.getWidth() - 50;
    private static final float TOP = PDRectangle.A4.getHeight() - 50;
    private static final float BOTTOM = 70;
    private static final int REPLACEMENT = 0xFFFD;

    /** A piece of text in one font. */
    private record Run(PdfFonts.Font font, String text) {
    }

    private final PDDocument document = new PDDocument();
    private final PdfFonts fonts;
    private final Map<PdfFonts.Font, PDType0Font> embedded = new HashMap<>();
    private PDPageContentStream stream;
    private float y;

    PdfLayout(PdfFonts fonts) {
        this.fonts = fonts;
        newPage();
    }

    /** Starts a new page, at its top. */
    void newPage() {
        try {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = TOP;
    }

    /** Starts a new page unless {@code height} points fit above the bottom margin. */
    void keep(float height) {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    /** Moves down {@code height} points: the next line's baseline. */
    void down(float height) {
        y -= height;
    }

    /** Writes {@code text} on the current line from {@code x}. */
    void left(float x, String text, boolean bold, float size) {
        write(x, y, text, bold, size);
    }

    /** Writes {@code text} on the current line, ending at {@code x}. */
    void right(float x, String text, boolean bold, float size) {
        write(x - width(text, bold, size), y, text, bold, size);
    }

    /** Draws a thin rule across the page under the current line. */
    void rule() {
        try {
            stream.setLineWidth(0.5f);
            stream.moveTo(LEFT, y - 3);
            stream.lineTo(RIGHT, y - 3);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The width of {@code text} in points. */
    float width(String text, boolean bold, float size) {
        float width = 0;
        for (Run run : runs(text, bold)) {
            try {
                width += font(run.font()).getStringWidth(run.text()) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return width;
    }

    /**
     * {@code text} broken into lines of at most {@code width} points: at spaces, or inside a word
     * longer than a line; line breaks in the text are kept.
     */
    List<String> wrap(String text, float width, boolean bold, float size) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ", -1)) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(candidate, bold, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // A word longer than a line is broken where it no longer fits; its rest starts the next line.
                int start = 0;
                while (true) {
                    int end = start;
                    while (end < word.length()) {
                        int next = word.offsetByCodePoints(end, 1);
                        if (width(word.substring(start, next), bold, size) > width) {
                            break;
                        }
                        end = next;
                    }
                    if (end == word.length()) {
                        break;
                    }
                    if (end == start) {
                        end = word.offsetByCodePoints(start, 1); // a character wider than the line
                    }
                    lines.add(word.substring(start, end));
                    start = end;
                }
                line.append(word.substring(start));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Each of {@code texts} wrapped to {@code width}, one after the other. */
    List<String> wrapAll(List<String> texts, float width, float size) {
        List<String> lines = new ArrayList<>();
        texts.forEach(text -> lines.addAll(wrap(text, width, false, size)));
        return lines;
    }

    /**
     * Ends the document: writes "{@code footer} · Page i of n" at the foot of each page.
     *
     * @return the PDF's bytes
     */
    byte[] finish(String footer) {
        try {
            stream.close();
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                try (PDPageContentStream foot = new PDPageContentStream(document, document.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    stream = foot;
                    String text = footer + " · Page " + (i + 1) + " of " + pages;
                    write(RIGHT - width(text, false, 8), 40, text, false, 8);
                }
            }
            document.getDocumentInformation().setCreator("Billing SDK");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                document.close();
            } catch (IOException e) {
                // the bytes are out already, or the failure above is the one to report
            }
        }
    }

    private void write(float x, float at, String text, boolean bold, float size) {
        if (text.isEmpty()) {
            return;
        }
        try {
            stream.beginText();
            stream.newLineAtOffset(x, at);
            for (Run run : runs(text, bold)) {
                stream.setFont(font(run.font()), size);
                stream.showText(run.text());
            }
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PDType0Font font(PdfFonts.Font font) throws IOException {
        PDType0Font loaded = embedded.get(font);
        if (loaded == null) {
            loaded = PDType0Font.load(document, font.open(), true);
            embedded.put(font, loaded);
        }
        return loaded;
    }

    /** The text in visual order, cut where the font changes. */
    private List<Run> runs(String text, boolean bold) {
        PdfFonts.Font primary = bold ? fonts.bold() : fonts.regular();
        List<Run> runs = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        PdfFonts.Font current = null;
        String visual = visual(text);
        for (int i = 0; i < visual.length();) {
            int codePoint = visual.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isISOControl(codePoint)) {
                codePoint = ' ';
            }
            PdfFonts.Font font = fontFor(codePoint, primary);
            if (font == null) {
                font = primary;
                codePoint = REPLACEMENT;
            }
            if (font != current && part.length() > 0) {
                runs.add(new Run(current, part.toString()));
                part.setLength(0);
            }
            current = font;
            part.appendCodePoint(codePoint);
        }
        if (part.length() > 0) {
            runs.add(new Run(current, part.toString()));
        }
        return runs;
    }

    private PdfFonts.Font fontFor(int codePoint, PdfFonts.Font primary) {
        if (primary.has(codePoint)) {
            return primary;
        }
        for (PdfFonts.Font fallback : fonts.fallbacks()) {
            if (fallback.has(codePoint)) {
                return fallback;
            }
        }
        return null;
    }

    /** {@code text} with its right-to-left runs reversed into the order they are seen in, left to right. */
    static String visual(String text) {
        char[] chars = text.toCharArray();
        if (!Bidi.requiresBidi(chars, 0, chars.length)) {
            return text;
        }
        Bidi bidi = new Bidi(text, Bidi.DIRECTION_LEFT_TO_RIGHT);
        int count = bidi.getRunCount();
        byte[] levels = new byte[count];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            levels[i] = (byte) bidi.getRunLevel(i);
            order[i] = i;
        }
        Bidi.reorderVisually(levels, 0, order, 0, count);
        StringBuilder out = new StringBuilder(text.length());
        for (Integer run : order) {
            String part = text.substring(bidi.getRunStart(run), bidi.getRunLimit(run));
            out.append((bidi.getRunLevel(run) & 1) == 1 ? new StringBuilder(part).reverse() : part);
        }
        return out.toString();
    }
}
