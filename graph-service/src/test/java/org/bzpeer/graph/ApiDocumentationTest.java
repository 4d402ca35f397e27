package org.bzpeer.graph;

import java.util.Collection;

import org.bzpeer.kit.web.ProblemTypes;
import org.bzpeer.testkit.ApiDocumentationContract;
import org.bzpeer.testkit.ServiceTest;

/** The graph-service API, documented with an example of every body: see {@link ApiDocumentationContract}. */
@ServiceTest
class ApiDocumentationTest extends ApiDocumentationContract {

    @Override
    protected Collection<String> problemTypes() {
        return ProblemTypes.uris();
    }
}
