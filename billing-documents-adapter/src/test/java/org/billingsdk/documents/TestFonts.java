package org.billingsdk.documents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fonts the tests write in: DejaVu Sans and the system fallbacks for Chinese, Japanese, Korean
 * and emoji, which the tests' texts hold. {@code .ci/run} installs them; elsewhere:
 * {@code apt-get install fonts-droid-fallback fonts-symbola}.
 */
final class TestFonts {

    private TestFonts() {
    }

    static PdfFonts complete() {
        PdfFonts fonts = PdfFonts.withSystemFallbacks();
        assertThat(fonts.fallbackNames())
                .as("the PDF tests need the fallback fonts: apt-get install fonts-droid-fallback fonts-symbola")
                .hasSize(2);
        return fonts;
    }
}
