package org.bzpeer.testkit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every service's security test checks, through the {@link AuthorizationMatrix}. A service's test extends
 * this, is annotated {@link ServiceTest}, and declares in {@link #declare} the scope each of its writes needs.
 */
public abstract class ServiceSecurityContract {

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected WebTestClient http;

    /** Declares the scope of each write the service maps (and path variable values where the default will not do). */
    protected abstract void declare(AuthorizationMatrix matrix);

    protected AuthorizationMatrix matrix() {
        AuthorizationMatrix matrix = AuthorizationMatrix.of(context, http);
        declare(matrix);
        return matrix;
    }

    @Test
    void everyWriteAndAdminEndpointRefusesMissingBadAndInsufficientTokens() {
        matrix().verifyEndpoints();
    }

    @Test
    void actuatorShowsOnlyTheBareHealthStatusWithoutOpsScope() {
        matrix().verifyActuator();
    }

    @Test
    void browsersMayCallOnlyFromConfiguredOrigins() {
        matrix().verifyCors();
    }
}
