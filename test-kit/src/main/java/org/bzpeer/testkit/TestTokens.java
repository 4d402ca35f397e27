package org.bzpeer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs RS256 bearer tokens for tests with a key pair made once per JVM; the public key is written to a PEM file
 * that services under test validate against, exactly as in production. Nothing secret is committed.
 */
public final class TestTokens {

    /** Scope of ingestion pipelines. */
    public static final String WORKS_WRITE = "works:write";
    /** Scope of signed-in users. */
    public static final String PROFILE_WRITE = "profile:write";
    /** Scope of operators: admin endpoints (dead letters, parked outbox rows), health details, metrics. */
    public static final String OPS_ADMIN = "ops:admin";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER_KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** The PEM file holding the public key the services must trust. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("bzpeer-test-jwt", ".pem");
                String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
                publicKeyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /** A token of an ingestion pipeline. */
    public static String pipelineToken() {
        return token("test-pipeline", WORKS_WRITE);
    }

    /** A token of an operator. */
    public static String opsToken() {
        return token("test-operator", OPS_ADMIN);
    }

    /** A token of signed-in user {@code subject}. */
    public static String userToken(String subject) {
        return token(subject, PROFILE_WRITE);
    }

    /** A token of signed-in user {@code subject} whose ORCID iD the identity provider verified. */
    public static String userTokenWithOrcid(String subject, String orcid) {
        return sign(KEYS, subject, PROFILE_WRITE, Instant.now().plus(Duration.ofHours(1)), orcid);
    }

    /** A valid token of {@code subject} granting {@code scope} (space-separated scopes). */
    public static String token(String subject, String scope) {
        return sign(KEYS, subject, scope, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token that expired an hour ago. */
    public static String expiredToken(String subject, String scope) {
        return sign(KEYS, subject, scope, Instant.now().minus(Duration.ofHours(1)));
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String forgedToken(String subject, String scope) {
        return sign(STRANGER_KEYS, subject, scope, Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(KeyPair keys, String subject, String scope, Instant expiry) {
        return sign(keys, subject, scope, expiry, null);
    }

    private static String sign(KeyPair keys, String subject, String scope, Instant expiry, String orcid) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("bzpeer-test")
                .claim("scope", scope)
                .claim("orcid", orcid)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
