package org.bzpeer.deploy.check;

import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Validates a Compose file against the Compose specification's own JSON Schema (draft-07). */
public final class ComposeSchema {

    private final Schema schema;

    private ComposeSchema(Schema schema) {
        this.schema = schema;
    }

    public static ComposeSchema load(Path composeSpecJson) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        // the specification's $id is relative ("compose_spec.json"): resolve it against the file's own location
        return new ComposeSchema(registry.getSchema(SchemaLocation.of(composeSpecJson.toUri().toString()),
                Yaml.tree(composeSpecJson)));
    }

    /** What is wrong with the Compose file; empty when it is valid. */
    public List<String> validate(Path composeFile) {
        return schema.validate(Yaml.tree(composeFile)).stream()
                .map(error -> composeFile.getFileName() + ": " + error.getMessage())
                .toList();
    }
}
