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
        matrix.requires(HttpMethod.POST, "/api/v1/imports", TestTokens.WORKS_WRITE);
        matrix.requires(HttpMethod.POST, "/api/v1/imports/{importId}/parts", TestTokens.WORKS_WRITE);
        matrix.requires(HttpMethod.POST, "/api/v1/imports/{importId}/finish", TestTokens.WORKS_WRITE);
        matrix.pathVariable("importId", "00000000-0000-4000-8000-000000000000");
    }
}
