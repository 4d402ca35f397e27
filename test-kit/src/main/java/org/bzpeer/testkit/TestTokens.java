package org.bzpeer.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs RS256 bearer tokens for tests with a key pair made once per JVM; the public key is written to a PEM file
 * that services under test validate against, exactly as in production. Every token names {@link #ISSUER} and
 * {@link #AUDIENCE}, which the services under test are configured to require. Nothing secret is committed.
 */
public final class TestTokens {

    /** Scope of ingestion pipelines. */
    public static final String WORKS_WRITE = "works:write";
    /** Scope of signed-in users. */
    public static final String PROFILE_WRITE = "profile:write";
    /** Scope of operators: admin endpoints (dead letters, parked outbox rows), health details, metrics. */
    public static final String OPS_ADMIN = "ops:admin";

    /** The issuer of every test token ({@code bzpeer.security.jwt.issuer} of services under test). */
    public static final String ISSUER = "bzpeer-test";
    /** The audience of every test token ({@code bzpeer.security.jwt.audiences} of services under test). */
    public static final String AUDIENCE = "bzpeer-test-api";
    /** Every scope a BZPEER service knows. */
    public static final List<String> ALL_SCOPES = List.of(WORKS_WRITE, PROFILE_WRITE, OPS_ADMIN);

    /** A token a service must refuse with 401, and what is wrong with it. */
    public record RejectedToken(String defect, String token) {
    }

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
                Files.writeString(publicKeyFile, publicKeyPem());
                publicKeyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
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

    /** A token signed with the trusted key but issued by someone else. */
    public static String wrongIssuerToken(String subject, String scope) {
        return rs256(claims(subject, scope).issuer("https://issuer.elsewhere.example").build(), KEYS);
    }

    /** A token signed with the trusted key but meant for another API. */
    public static String wrongAudienceToken(String subject, String scope) {
        return rs256(claims(subject, scope).audience("another-api").build(), KEYS);
    }

    /** A token signed with the trusted key that names no issuer. */
    public static String tokenWithoutIssuer(String subject, String scope) {
        return rs256(claims(subject, scope).issuer(null).build(), KEYS);
    }

    /** A token signed with the trusted key that names no audience. */
    public static String tokenWithoutAudience(String subject, String scope) {
        return rs256(claims(subject, scope).audience((String) null).build(), KEYS);
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public static String unsignedToken(String subject, String scope) {
        return new PlainJWT(claims(subject, scope).build()).serialize();
    }

    /**
     * An HS256 token whose HMAC secret is the trusted public key, as PEM text or as its DER bytes: the algorithm
     * confusion attack on verifiers that let the token choose the algorithm.
     */
    public static String hs256TokenKeyedWithPublicKey(String subject, String scope, boolean pemText) {
        byte[] secret = pemText ? publicKeyPem().getBytes(StandardCharsets.US_ASCII) : KEYS.getPublic().getEncoded();
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), claims(subject, scope).build(), new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every kind of token a service must refuse with 401, each granting {@code scope} to {@code subject}. */
    public static List<RejectedToken> rejectedTokens(String subject, String scope) {
        return List.of(
                new RejectedToken("expired", expiredToken(subject, scope)),
                new RejectedToken("forged signature", forgedToken(subject, scope)),
                new RejectedToken("wrong issuer", wrongIssuerToken(subject, scope)),
                new RejectedToken("no issuer", tokenWithoutIssuer(subject, scope)),
                new RejectedToken("wrong audience", wrongAudienceToken(subject, scope)),
                new RejectedToken("no audience", tokenWithoutAudience(subject, scope)),
                new RejectedToken("alg none", unsignedToken(subject, scope)),
                new RejectedToken("HS256 keyed with the public key PEM",
                        hs256TokenKeyedWithPublicKey(subject, scope, true)),
                new RejectedToken("HS256 keyed with the public key DER",
                        hs256TokenKeyedWithPublicKey(subject, scope, false)),
                new RejectedToken("malformed", "not-a-jwt"));
    }

    private static String sign(KeyPair keys, String subject, String scope, Instant expiry) {
        return sign(keys, subject, scope, expiry, null);
    }

    private static String sign(KeyPair keys, String subject, String scope, Instant expiry, String orcid) {
        return rs256(claims(subject, scope).claim("orcid", orcid).expirationTime(Date.from(expiry)).build(), keys);
    }

    private static JWTClaimsSet.Builder claims(String subject, String scope) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("scope", scope)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    private static String rs256(JWTClaimsSet claims, KeyPair keys) {
        return sign(new JWSHeader(JWSAlgorithm.RS256), claims, new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
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
