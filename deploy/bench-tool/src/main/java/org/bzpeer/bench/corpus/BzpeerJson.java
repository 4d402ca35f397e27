package org.bzpeer.bench.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link CorpusWork} as one record of our own work format ({@code format=bzpeer}, see the ingest-service
 * README): identifiers, type, year, venue, title, abstract, authorships with their ids and institutions, topics.
 * Absent values are left out; field order is fixed, so the same work always gives the same bytes.
 */
public final class BzpeerJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private BzpeerJson() {
    }

    /** The work as UTF-8 JSON on one line, without the line end. */
    public static byte[] record(CorpusWork work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(work, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(CorpusWork work, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("identifiers");
        writeIfPresent(json, "doi", work.doi());
        json.writeEndObject();
        json.writeStringField("type", work.type());
        if (work.year() != null) {
            json.writeNumberField("publicationYear", work.year());
        }
        if (work.venue() != null) {
            json.writeObjectFieldStart("venue");
            json.writeStringField("name", work.venue());
            json.writeEndObject();
        }
        json.writeStringField("title", work.title());
        writeIfPresent(json, "abstract", work.abstractText());
        json.writeStringField("language", "en");
        json.writeArrayFieldStart("authorships");
        for (CorpusWork.Authorship authorship : work.authorships()) {
            json.writeStartObject();
            json.writeStringField("name", authorship.name());
            if (authorship.openAlexId() != null || authorship.orcid() != null) {
                json.writeObjectFieldStart("ids");
                writeIfPresent(json, "openalex", authorship.openAlexId());
                writeIfPresent(json, "orcid", authorship.orcid());
                json.writeEndObject();
            }
            if (!authorship.institutions().isEmpty()) {
                json.writeArrayFieldStart("institutions");
                for (CorpusWork.Institution institution : authorship.institutions()) {
                    json.writeStartObject();
                    json.writeStringField("name", institution.name());
                    writeIfPresent(json, "id", prefixed(institution.openAlexId()));
                    writeIfPresent(json, "countryCode", institution.countryCode());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("topics");
        for (CorpusWork.Topic topic : work.topics()) {
            json.writeStartObject();
            json.writeStringField("name", topic.name());
            writeIfPresent(json, "id", prefixed(topic.openAlexId()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String prefixed(String openAlexId) {
        return openAlexId == null ? null : "openalex:" + openAlexId;
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
