package org.bzpeer.graph;

import org.bzpeer.testkit.AuthorizationMatrix;
import org.bzpeer.testkit.ServiceSecurityContract;
import org.bzpeer.testkit.ServiceTest;

/**
 * Graph-service serves reads only: any write mapped later fails this test until its scope is declared here; see
 * {@link ServiceSecurityContract} for what is checked.
 */
@ServiceTest
class SecurityTest extends ServiceSecurityContract {

    @Override
    protected void declare(AuthorizationMatrix matrix) {
        // no writes
    }
}
