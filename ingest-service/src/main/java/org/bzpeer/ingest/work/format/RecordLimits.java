package org.bzpeer.ingest.work.format;

import java.time.Year;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What one record may hold. A record beyond a limit is rejected naming the field, except for authorships: a work
 * lists at most {@code maxAuthorships}; further ones are not read, and the work is kept and flagged as truncated with
 * the number the source listed. Lengths count the characters (UTF-16 units) of the string as received, before
 * cleaning.
 *
 * @param maxTitleLength      longest title
 * @param maxAbstractLength   longest abstract; also the longest string any property may hold, one the format
 *                            ignores included (longer strings are refused while parsing, before they fill memory)
 * @param maxNameLength       longest name or other single-line text: author, institution, venue, topic, type
 * @param maxIdentifierLength longest identifier or code before normalisation (DOIs run to a few hundred characters)
 * @param maxAuthorships      authorships kept per work. 10,000 keeps every author list published so far but the
 *                            very largest (the biggest physics collaborations sign about 5,100; a few
 *                            surgical-outcomes papers about 15,000) and bounds the event to a few MB (0.4 MB for
 *                            10,000 name-only authorships), well under the 16 MB Kafka message limit; graph-service
 *                            pairs co-authors only on works of at most 200 authors anyway
 * @param maxNestingDepth     deepest nesting of arrays and objects in a record (our format needs 5, OpenAlex's 6)
 * @param maxTokens           most JSON tokens (values, property names, brackets) in a record: bounds the memory a
 *                            parsed record takes, whatever its byte size; a work of 10,000 authors with ids and
 *                            institutions takes about 300,000
 * @param minPublicationYear  earliest publication year (and year of a publication date) accepted
 * @param maxYearsAhead       how many years after the current one a publication year may lie (accepted papers
 *                            carry next year's)
 */
@Validated
@ConfigurationProperties("bzpeer.ingest.record")
public record RecordLimits(
        @DefaultValue("4000") @Min(1) int maxTitleLength,
        @DefaultValue("100000") @Min(1) int maxAbstractLength,
        @DefaultValue("1000") @Min(1) int maxNameLength,
        @DefaultValue("1000") @Min(1) int maxIdentifierLength,
        @DefaultValue("10000") @Min(1) int maxAuthorships,
        @DefaultValue("32") @Min(8) @Max(1000) int maxNestingDepth,
        @DefaultValue("1000000") @Min(1000) long maxTokens,
        @DefaultValue("1000") int minPublicationYear,
        @DefaultValue("1") @Min(0) int maxYearsAhead) {

    /** The limits with every default, as the service runs when nothing is configured. */
    public static RecordLimits defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("bzpeer.ingest.record",
                RecordLimits.class);
    }

    /** The longest string any property of a record may hold. */
    public int maxStringLength() {
        return Math.max(maxAbstractLength, Math.max(maxTitleLength, Math.max(maxNameLength, maxIdentifierLength)));
    }

    /** The latest publication year accepted today. */
    public int maxPublicationYear() {
        return Year.now(ZoneOffset.UTC).getValue() + maxYearsAhead;
    }

    /** Whether {@code year} lies within {@link #minPublicationYear}..{@link #maxPublicationYear}. */
    public boolean isPlausibleYear(long year) {
        return year >= minPublicationYear && year <= maxPublicationYear();
    }

    /** The reason given for a publication year out of range or of the wrong type. */
    public String yearRule() {
        return "must be an integer between " + minPublicationYear + " and " + maxPublicationYear();
    }
}
