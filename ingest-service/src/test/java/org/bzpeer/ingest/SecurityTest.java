package org.bzpeer.ingest;

import org.bzpeer.testkit.AuthorizationMatrix;
import org.bzpeer.testkit.ServiceSecurityContract;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.springframework.http.HttpMethod;

/** Only pipelines (works:write) may submit works; see {@link ServiceSecurityContract} for what else is checked. */
@ServiceTest
class SecurityTest extends ServiceSecurityContract {

    @Override
    protected void declare(AuthorizationMatrix matrix) {
        matrix.requires(HttpMethod.POST, "/api/v1/works", TestTokens.WORKS_WRITE);
    }
}
