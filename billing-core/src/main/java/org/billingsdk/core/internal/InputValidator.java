package org.billingsdk.core.internal;

import jakarta.validation.Configuration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;

/** Validates inputs with Jakarta Validation and refuses them with every violation named. Thread-safe. */
public final class InputValidator {

    private final Validator validator;

    private InputValidator(Validator validator) {
        this.validator = validator;
    }

    /** A validator from the Jakarta Validation provider on the class path (Hibernate Validator). */
    public static InputValidator create() {
        Configuration<?> configuration = Validation.byDefaultProvider().configure();
        MessageInterpolator english = new EnglishMessages(configuration.getDefaultMessageInterpolator());
        ValidatorFactory factory = configuration.messageInterpolator(english).buildValidatorFactory();
        return new InputValidator(factory.getValidator());
    }

    /**
     * @throws InvalidInputException naming every violation, if {@code input} has any
     * @throws NullPointerException if {@code input} is null
     */
    public void check(Object input) {
        if (input == null) {
            throw new NullPointerException("input");
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            List<Violation> named = violations.stream()
                    .map(v -> new Violation(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted()
                    .toList();
            throw new InvalidInputException(named);
        }
    }

    /**
     * Violation messages in English whatever the JVM's default locale, so that they read the same
     * on every server (a host translates by the field and the stable codes, not by the text).
     */
    private record EnglishMessages(MessageInterpolator delegate) implements MessageInterpolator {

        @Override
        public String interpolate(String template, Context context) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }
    }
}
