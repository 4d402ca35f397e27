package org.bzpeer.kitservice;

import java.util.Collection;

import org.bzpeer.kit.web.ProblemTypes;
import org.bzpeer.testkit.ApiDocumentationContract;
import org.bzpeer.testkit.ServiceTest;

/**
 * The kit's own admin endpoints (dead letters, parked outbox), documented with an example of every body: see
 * {@link ApiDocumentationContract}.
 */
@ServiceTest
class ApiDocumentationTest extends ApiDocumentationContract {

    @Override
    protected Collection<String> problemTypes() {
        return ProblemTypes.uris();
    }
}
