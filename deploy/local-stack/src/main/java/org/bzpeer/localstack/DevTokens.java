package org.bzpeer.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Development credentials for the local stack: an RSA key pair the services trust (through
 * {@code BZPEER_JWT_PUBLIC_KEY}) and three RS256 tokens signed with it, issued by {@link #ISSUER} for
 * {@link #AUDIENCE}.
 *
 * <p>Run as {@code DevTokens <data-dir>}. The key pair in {@code <data-dir>/jwt/} is created once and kept, so
 * services started earlier keep accepting new tokens; the tokens in {@code <data-dir>/dev-tokens.env} are minted
 * afresh on every run. That file also names the issuer and audience ({@code BZPEER_JWT_ISSUER},
 * {@code BZPEER_JWT_AUDIENCES}), which the run script passes to the services so that they require exactly these.
 * Authority comes from the {@code scope} claim, which Spring Security maps to {@code SCOPE_<scope>} authorities.
 */
public final class DevTokens {

    public static final String ISSUER = "bzpeer-local";
    public static final String AUDIENCE = "bzpeer-api";
    public static final Duration VALIDITY = Duration.ofDays(30);

    /** The bulk importer: may submit works to ingest-service. */
    public static final Token PIPELINE = new Token("BZPEER_PIPELINE_TOKEN", "demo-pipeline", "works:write");
    /** A signed-in researcher: may edit a profile. */
    public static final Token USER = new Token("BZPEER_USER_TOKEN", "demo-user", "profile:write");
    /** An operator: may read metrics and health details and call the admin endpoints. */
    public static final Token OPS = new Token("BZPEER_OPS_TOKEN", "demo-operator", "ops:admin");

    private static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_KEY_LABEL = "PUBLIC KEY";

    /** A token to mint: the variable it is written to, its subject and its space-separated scopes. */
    public record Token(String variable, String subject, String scope) {
    }

    private DevTokens() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DevTokens <data-dir>");
            System.exit(2);
        }
        Path dataDirectory = Path.of(args[0]).toAbsolutePath();
        Path tokens = write(dataDirectory, Clock.systemUTC());
        System.out.println("wrote " + tokens + " (tokens valid for " + VALIDITY.toDays() + " days, public key "
                + publicKeyFile(dataDirectory) + ")");
    }

    /** Ensures the key pair under {@code dataDirectory} and writes fresh tokens; returns the token file. */
    public static Path write(Path dataDirectory, Clock clock)
            throws IOException, GeneralSecurityException, JOSEException {
        KeyPair keys = loadOrCreateKeyPair(dataDirectory.resolve("jwt"));
        Instant now = clock.instant();
        String content = PIPELINE.variable() + "=" + mint(keys, PIPELINE, now) + "\n"
                + USER.variable() + "=" + mint(keys, USER, now) + "\n"
                + OPS.variable() + "=" + mint(keys, OPS, now) + "\n"
                + "BZPEER_JWT_ISSUER=" + ISSUER + "\n"
                + "BZPEER_JWT_AUDIENCES=" + AUDIENCE + "\n";
        Path tokens = dataDirectory.resolve("dev-tokens.env");
        writeOwnerOnly(tokens, content);
        return tokens;
    }

    /**
     * A fresh token of a signed-in researcher ({@link #USER}'s scope) for {@code subject}, signed with the key pair
     * under {@code dataDirectory} (created if absent): for tools that act as many users, such as the chaos run.
     */
    public static String userToken(Path dataDirectory, String subject)
            throws IOException, GeneralSecurityException, JOSEException {
        KeyPair keys = loadOrCreateKeyPair(dataDirectory.resolve("jwt"));
        return mint(keys, new Token(USER.variable(), subject, USER.scope()), Instant.now());
    }

    public static Path publicKeyFile(Path dataDirectory) {
        return dataDirectory.resolve("jwt").resolve("public.pem");
    }

    /** Reads {@code private.pem} and {@code public.pem} from {@code jwtDirectory}, creating both if one is absent. */
    static KeyPair loadOrCreateKeyPair(Path jwtDirectory) throws IOException, GeneralSecurityException {
        Path privateKeyFile = jwtDirectory.resolve("private.pem");
        Path publicKeyFile = jwtDirectory.resolve("public.pem");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (Files.exists(privateKeyFile) && Files.exists(publicKeyFile)) {
            return new KeyPair(
                    rsa.generatePublic(new X509EncodedKeySpec(readPem(publicKeyFile, PUBLIC_KEY_LABEL))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateKeyFile, PRIVATE_KEY_LABEL))));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.createDirectories(jwtDirectory);
        // getEncoded() is PKCS#8 for RSA private keys and X.509 SubjectPublicKeyInfo for public keys.
        writeOwnerOnly(privateKeyFile, pem(PRIVATE_KEY_LABEL, keys.getPrivate().getEncoded()));
        Files.writeString(publicKeyFile, pem(PUBLIC_KEY_LABEL, keys.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return keys;
    }

    static String mint(KeyPair keys, Token token, Instant now) throws JOSEException {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(new RSAKey.Builder(publicKey).build().computeThumbprint().toString())
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(token.subject())
                .claim("scope", token.scope())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(VALIDITY)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static byte[] readPem(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " is not a PEM file with a " + label);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    /** Writes atomically, readable by the owner only where the file system supports POSIX permissions. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
