package org.bzpeer.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service integration test: the whole service on a random port, wired to the real in-JVM Kafka broker and a real
 * PostgreSQL database of its own, with a {@code WebTestClient} bound to it that waits up to 30 s for a response
 * (the machines running the suite are small and shared).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface ServiceTest {
}
