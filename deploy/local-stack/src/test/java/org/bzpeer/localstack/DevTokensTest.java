package org.bzpeer.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/** The tokens are accepted the way the services accept them: public key from PEM, authorities from {@code scope}. */
class DevTokensTest {

    @TempDir
    Path dataDirectory;

    @Test
    void writesThreeTokensThatVerifyAgainstTheWrittenPublicKey() throws Exception {
        Path tokenFile = DevTokens.write(dataDirectory, Clock.systemUTC());

        List<String> lines = Files.readAllLines(tokenFile, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(3);
        Map<String, String> tokens = readEnvFile(tokenFile);
        assertThat(tokens).containsOnlyKeys("BZPEER_PIPELINE_TOKEN", "BZPEER_USER_TOKEN", "BZPEER_OPS_TOKEN");

        JwtDecoder decoder = servicesDecoder();
        Jwt pipeline = decoder.decode(tokens.get("BZPEER_PIPELINE_TOKEN"));
        assertThat(pipeline.getClaimAsString("iss")).isEqualTo("bzpeer-local");
        assertThat(pipeline.getSubject()).isEqualTo("demo-pipeline");
        assertThat(authorities(pipeline)).containsExactly("SCOPE_works:write");
        assertThat(Duration.between(pipeline.getIssuedAt(), pipeline.getExpiresAt())).isEqualTo(Duration.ofDays(30));

        Jwt user = decoder.decode(tokens.get("BZPEER_USER_TOKEN"));
        assertThat(user.getSubject()).isEqualTo("demo-user");
        assertThat(authorities(user)).containsExactly("SCOPE_profile:write");

        Jwt operator = decoder.decode(tokens.get("BZPEER_OPS_TOKEN"));
        assertThat(operator.getSubject()).isEqualTo("demo-operator");
        assertThat(authorities(operator)).containsExactly("SCOPE_ops:admin");
    }

    @Test
    void writesStandardPemFiles() throws Exception {
        DevTokens.write(dataDirectory, Clock.systemUTC());

        String publicPem = Files.readString(dataDirectory.resolve("jwt/public.pem"));
        String privatePem = Files.readString(dataDirectory.resolve("jwt/private.pem"));
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(((RSAPublicKey) publicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void keepsTheKeyPairSoEarlierStartedServicesAcceptNewTokens() throws Exception {
        DevTokens.write(dataDirectory, Clock.systemUTC());
        JwtDecoder decoderOfARunningService = servicesDecoder();
        String publicKeyBefore = Files.readString(dataDirectory.resolve("jwt/public.pem"));

        Path tokenFile = DevTokens.write(dataDirectory, Clock.systemUTC());

        assertThat(Files.readString(dataDirectory.resolve("jwt/public.pem"))).isEqualTo(publicKeyBefore);
        Jwt user = decoderOfARunningService.decode(readEnvFile(tokenFile).get("BZPEER_USER_TOKEN"));
        assertThat(user.getSubject()).isEqualTo("demo-user");
    }

    private JwtDecoder servicesDecoder() throws Exception {
        return NimbusJwtDecoder.withPublicKey((RSAPublicKey) publicKey()).build();
    }

    private java.security.PublicKey publicKey() throws Exception {
        try (var pem = Files.newInputStream(dataDirectory.resolve("jwt/public.pem"))) {
            return RsaKeyConverters.x509().convert(pem);
        }
    }

    private static List<String> authorities(Jwt jwt) {
        return new JwtGrantedAuthoritiesConverter().convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Map<String, String> readEnvFile(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
