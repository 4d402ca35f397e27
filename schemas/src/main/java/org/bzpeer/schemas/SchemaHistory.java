package org.bzpeer.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The kept versions of each event schema, read from {@code org/bzpeer/schemas/history/<Name>/v<N>.avsc} on the
 * classpath. Versions are numbered from 1 without gaps; the newest kept version must equal the current schema, so a
 * schema change is only complete once its new version is kept beside the old ones.
 */
public final class SchemaHistory {

    private static final String ROOT = "/org/bzpeer/schemas/history/";

    private SchemaHistory() {
    }

    /** Every kept version of {@code type}'s schema, oldest first. */
    public static List<Schema> keptVersions(Class<? extends SpecificRecord> type) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = ROOT + type.getSimpleName() + "/v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read kept schema " + path, e);
            }
        }
    }

    /** The schema the generated class {@code type} was built from. */
    public static Schema currentSchema(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
