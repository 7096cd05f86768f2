package org.billingsdk.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forwarding wrappers hand every method of their port to the delegate, the default methods
 * included: a default method a wrapper does not override runs the port's one-by-one default
 * around the delegate, not the delegate's own (batched, atomic) implementation.
 */
class ForwardingWrappersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {ForwardingStorage.class, ForwardingInvoiceStore.class, ForwardingSubscriptionStore.class,
            ForwardingPaymentStore.class, ForwardingPaymentProvider.class})
    void aForwardingWrapperOverridesEveryMethodOfItsPortDefaultMethodsIncluded(Class<?> wrapper) {
        Class<?> port = wrapper.getInterfaces()[0];
        assertThat(List.of(Storage.class, InvoiceStore.class, SubscriptionStore.class, PaymentStore.class,
                PaymentProvider.class)).as("the port of %s", wrapper).contains(port);

        List<String> notForwarded = Arrays.stream(port.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !declares(wrapper, method))
                .map(Method::toGenericString)
                .toList();

        assertThat(notForwarded).as("methods of %s that %s does not forward", port.getSimpleName(),
                wrapper.getSimpleName()).isEmpty();
    }

    private static boolean declares(Class<?> wrapper, Method method) {
        try {
            wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
