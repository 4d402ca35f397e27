package org.bzpeer.kit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

import org.bzpeer.kit.KitDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.extension.Extension;

/**
 * {@link BinaryParameters} on the real PostgreSQL: byte buffers and string arrays, with every awkward byte and
 * character an array literal would have to escape, arrive as they were sent, in statements written as before.
 */
class BinaryParametersTest {

    private final DatabaseClient database = KitDatabase.named("kit_binary_parameters").client();

    @Test
    void everyConnectionRegistersTheBinaryEncoders() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(BinaryParameters.class);
    }

    @Test
    void byteBuffersArriveByteForByteFromTheirPosition() {
        byte[] everyByte = new byte[256 + 3];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        ByteBuffer fromThird = ByteBuffer.wrap(everyByte, 3, 256);

        assertThat(roundTrip(fromThird)).isEqualTo(Arrays.copyOfRange(everyByte, 3, 259));
        assertThat(fromThird.position()).as("the caller's buffer is left as it was").isEqualTo(3);
        assertThat(roundTrip(ByteBuffer.wrap(new byte[0]))).isEmpty();
        assertThat(database.sql("SELECT length(:a) AS n").bind("a", ByteBuffer.wrap(new byte[] {0, 0, 92}))
                .map(row -> row.get("n", Integer.class)).one().block()).isEqualTo(3);
    }

    @Test
    void stringArraysArriveElementForElementWithNullsInPlace() {
        String[] awkward = {"plain", "", null, "NULL", "a,b", "{braces}", "\"quoted\"", "back\\slash", " spaced ",
                "new\nline", "Ünïcödé 漢字 \uD83D\uDE00", "tab\tand\u001fseparator"};

        assertThat(database.sql("""
                        SELECT e FROM unnest(CAST(:a AS text[])) WITH ORDINALITY AS u(e, n) ORDER BY n""")
                .bind("a", awkward)
                .map(row -> String.valueOf(row.get("e", String.class))).all().collectList().block())
                .isEqualTo(Arrays.stream(awkward).map(String::valueOf).toList());
        assertThat(database.sql("SELECT cardinality(CAST(:a AS text[])) AS n, CAST(:a AS text[]) IS NULL AS missing")
                .bind("a", new String[0])
                .map(row -> List.of(row.get("n", Integer.class), row.get("missing", Boolean.class))).one().block())
                .isEqualTo(List.of(0, false));
        assertThat(database.sql("SELECT 'b' = ANY(:a) AS found").bind("a", new String[] {"a", "b"})
                .map(row -> row.get("found", Boolean.class)).one().block()).isTrue();
    }

    private byte[] roundTrip(ByteBuffer value) {
        return database.sql("SELECT CAST(:a AS bytea) AS a").bind("a", value)
                .map(row -> row.get("a", byte[].class)).one().block();
    }
}
