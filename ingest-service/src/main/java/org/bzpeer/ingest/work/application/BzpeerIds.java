package org.bzpeer.ingest.work.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * BZPEER ids: a kind prefix ({@code w_} for works, {@code a_} for authors) and 13 Crockford base-32 characters
 * (64 bits), random when minted, or derived from a seed when the same input must always give the same id.
 */
public final class BzpeerIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private BzpeerIds() {
    }

    public static String newWorkId() {
        return "w_" + encode(RANDOM.nextLong());
    }

    public static String newAuthorId() {
        return "a_" + encode(RANDOM.nextLong());
    }

    /** The author id always derived from {@code seed}: for authorships that carry no identifier at all. */
    public static String derivedAuthorId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "a_" + encode(ByteBuffer.wrap(digest).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(long bits) {
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(out);
    }
}
