package org.billingsdk.core.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}; Hibernate Validator instantiates it, hosts use the annotation. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean formatCharacters = true;

    @Override
    public void initialize(PlainText constraint) {
        this.formatCharacters = constraint.formatCharacters();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || value.codePoints().noneMatch(codePoint -> isLineBreakOrControl(codePoint)
                || (!formatCharacters && Character.getType(codePoint) == Character.FORMAT));
    }

    /**
     * Whether a character breaks plain text: a control character (line feed, tab, NUL, ...) or a
     * Unicode line or paragraph separator.
     *
     * @param codePoint the character
     * @return true for those, which {@link PlainText} refuses
     */
    public static boolean isLineBreakOrControl(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
