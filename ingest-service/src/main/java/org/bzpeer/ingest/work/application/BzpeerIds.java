package org.bzpeer.ingest.work.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bzpeer.ingest.work.store.IdentityStore.Key;

/**
 * BZPEER ids: a kind prefix ({@code w_} for works, {@code a_} for authors) and 13 Crockford base-32 characters
 * (64 bits of a SHA-256). Ids are never minted at random: each is derived from the identifier that names the thing
 * best, so the same final records give the same ids whatever order they arrived in.
 */
public final class BzpeerIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private BzpeerIds() {
    }

    /** The id of the work whose best identifier is {@code key}. */
    public static String workId(Key key) {
        return "w_" + digest(key.scheme() + ":" + key.value());
    }

    /** The id of the author whose best identifier is {@code key}. */
    public static String authorId(Key key) {
        return "a_" + digest(key.scheme() + ":" + key.value());
    }

    /** The id of an author known by no identifier, derived from {@code seed} (their work and printed name). */
    public static String unidentifiedAuthorId(String seed) {
        return "a_" + digest("unidentified:" + seed);
    }

    private static String digest(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong();
            char[] out = new char[13];
            for (int i = 12; i >= 0; i--) {
                out[i] = ALPHABET[(int) (bits & 31)];
                bits >>>= 5;
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
