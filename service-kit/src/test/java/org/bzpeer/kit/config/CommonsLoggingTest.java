package org.bzpeer.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

/**
 * Spring's debug messages are built only when debug is on: the services' Commons Logging adapter
 * ({@code commons-logging.properties}) checks the level before turning a message into text.
 */
class CommonsLoggingTest {

    /** A message that counts how often it is turned into text. */
    private static final class CountedMessage {

        private final AtomicInteger rendered = new AtomicInteger();

        @Override
        public String toString() {
            rendered.incrementAndGet();
            return "rendered";
        }
    }

    @Test
    void aMessageBelowTheLevelIsNeverRenderedAndOneAtItIs() {
        Log log = LogFactory.getLog("org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher");
        CountedMessage debug = new CountedMessage();
        CountedMessage info = new CountedMessage();

        log.debug(debug);
        log.info(info);

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(debug.rendered).hasValue(0);
        assertThat(info.rendered).hasPositiveValue();
    }
}
