package org.billingsdk.examples.portal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;
import org.billingsdk.core.BillingException;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Violation;
import org.billingsdk.examples.portal.Views.ErrorView;
import org.billingsdk.examples.portal.Views.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the portal answers what goes wrong: the SDK's error codes mapped to HTTP statuses with a
 * message for people and, for invalid input, every field's problem; nothing else reaches the
 * browser (no stack trace, no exception text): an unexpected failure is logged and answered as a
 * plain 500.
 */
final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpErrors() {
    }

    /** A request the portal itself turns down, before the SDK is asked. */
    static final class Rejected extends RuntimeException {
        final int status;
        final String code;

        Rejected(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** A refusal the SDK answered as a result (not thrown), to answer as the thrown ones are. */
    static final class RefusedResult extends RuntimeException {
        final Refusal refusal;

        RefusedResult(Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }
    }

    static void handle(RoutesConfig routes) {
        routes.exception(Rejected.class, (e, ctx) -> answer(ctx, e.status, e.code, e.getMessage(), List.of()));
        routes.exception(RefusedResult.class, (e, ctx) -> refused(ctx, e.refusal));
        routes.exception(RefusedException.class, (e, ctx) -> refused(ctx, e.refusal()));
        routes.exception(InvalidInputException.class, (e, ctx) -> answer(ctx, 400, e.code().name(),
                "Correct the fields named.", e.violations()));
        routes.exception(BillingException.class, (e, ctx) -> {
            int status = switch (e.code()) {
                case NOT_FOUND -> 404;
                case CONCURRENT_UPDATE, DUPLICATE_KEY -> 409;
                case STORAGE_FAILURE, PROVIDER_RATE_LIMITED -> 503;
                default -> 502;
            };
            if (status >= 500) {
                LOG.warn("Portal request {} {} failed: {}", ctx.method(), ctx.path(), e.code(), e);
            }
            answer(ctx, status, e.code().name(), switch (status) {
                case 404 -> "Not found.";
                case 409 -> "Someone changed it meanwhile; load it again and retry.";
                default -> "A service the portal depends on failed; try again later.";
            }, List.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Portal request {} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, "INTERNAL", "Something went wrong; it was logged.", List.of());
        });
        routes.exception(io.javalin.http.NotFoundResponse.class, (e, ctx) ->
                answer(ctx, 404, "NOT_FOUND", "Not found.", List.of()));
        routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                answer(ctx, e.getStatus(), "HTTP_" + e.getStatus(), "The request cannot be answered.", List.of()));
        routes.error(413, ctx -> answer(ctx, 413, "TOO_LARGE", "The request is too large.", List.of()));
    }

    private static void refused(Context ctx, Refusal refusal) {
        answer(ctx, refusal.code() == RefusalCode.PARTNER_MANAGED ? 403 : 409, refusal.code().name(),
                refusal.message(), List.of());
    }

    private static void answer(Context ctx, int status, String code, String message, List<Violation> violations) {
        ctx.status(status).json(new ErrorView(code, message,
                violations.stream().map(v -> new FieldProblem(v.field(), v.message())).toList()));
    }

    /** The request's JSON body as {@code type}; a body that is not such JSON is a 400 naming {@code body}. */
    static <T> T body(Context ctx, Class<T> type) {
        try {
            T value = JSON.readValue(ctx.body(), type);
            if (value == null) {
                throw new InvalidInputException(List.of(new Violation("body", "is empty")));
            }
            return value;
        } catch (JacksonException e) {
            String field = e.getPathReference() == null || e.getPath().isEmpty() ? "body"
                    : e.getPath().stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName()
                            : String.valueOf(ref.getIndex())).reduce((a, b) -> a + "." + b).orElse("body");
            throw new InvalidInputException(List.of(new Violation(field, "is not valid JSON of the expected shape")));
        }
    }

    /** An id from the path; one that is no id of its kind is a 404, as an id nobody reaches is. */
    static <T> T id(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new Rejected(404, "NOT_FOUND", "Not found.");
        }
    }
}
