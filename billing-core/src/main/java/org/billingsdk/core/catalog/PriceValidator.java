package org.billingsdk.core.catalog;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/** Checks {@link ValidPrice}; Hibernate Validator instantiates it, hosts use the annotation. */
public final class PriceValidator implements ConstraintValidator<ValidPrice, MonetaryAmount> {

    private static final BigDecimal LIMIT = new BigDecimal("1000000000");
    /** The most decimals an ISO 4217 currency has (CLF, UYW). */
    private static final int MOST_DECIMALS = 4;
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    @Override
    public boolean isValid(MonetaryAmount value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        CurrencyUnit currency = value.getCurrency();
        int decimals = currency.getDefaultFractionDigits();
        if (!CURRENCY_CODE.matcher(currency.getCurrencyCode()).matches()) {
            return refuse(context, "must be in a currency with a three-letter ISO 4217 code");
        }
        if (decimals < 0 || decimals > MOST_DECIMALS) {
            return refuse(context, "must be in a currency with 0 to 4 decimals, as ISO 4217 currencies have");
        }
        BigDecimal amount = value.getNumber().numberValueExact(BigDecimal.class);
        if (amount.signum() < 0) {
            return refuse(context, "must be zero or positive");
        }
        if (amount.compareTo(LIMIT) >= 0) {
            return refuse(context, "must be below 1,000,000,000");
        }
        if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > decimals) {
            return refuse(context, "must have no more decimals than its currency (" + decimals + ")");
        }
        return true;
    }

    /** A violation with its own message: a literal, never a template with the input in it. */
    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }
}
