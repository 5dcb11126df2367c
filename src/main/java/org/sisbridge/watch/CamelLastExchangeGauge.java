package org.sisbridge.watch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Camel's {@code camel.exchanges.last.timestamp} gauge before the first exchange, over
 * Camel's own value. Camel registers it lazily when an exchange completes, checking first whether it
 * exists: two flows completing their first exchanges at the same moment both register it, and
 * Micrometer warns "Gauge has been already registered (camel.exchanges.last.timestamp)". Registered
 * here first, Camel finds it and never registers it again. The value is Camel's own (its notifier's
 * static holder); should a later Camel rename that holder, the gauge is left to Camel as before.
 */
final class CamelLastExchangeGauge {

    private static final Logger LOG = LoggerFactory.getLogger(CamelLastExchangeGauge.class);

    private CamelLastExchangeGauge() {
    }

    /** @return whether the gauge is registered now (false: left to Camel) */
    static boolean registerBeforeCamel(MeterRegistry registry) {
        if (registry.find(MicrometerConstants.CAMEL_EXCHANGE_LAST_TIME_METER_NAME).gauge() != null) {
            return true;
        }
        AtomicLong camelsValue;
        try {
            Field holder = MicrometerExchangeEventNotifier.class.getDeclaredField("lastExchangeTimestampHolder");
            holder.setAccessible(true);
            camelsValue = (AtomicLong) holder.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Camel's last-exchange gauge is left to Camel: {}", e.toString());
            return false;
        }
        // the name and description Camel gives it, so a dashboard sees the same meter
        Gauge.builder(MicrometerConstants.CAMEL_EXCHANGE_LAST_TIME_METER_NAME, camelsValue, AtomicLong::get)
                .description("Last exchange processed time in milliseconds since the Unix epoch")
                .register(registry);
        return true;
    }
}
