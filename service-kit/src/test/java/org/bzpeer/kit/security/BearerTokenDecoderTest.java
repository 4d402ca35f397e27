package org.bzpeer.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Which bearer tokens a service accepts, and which token settings it refuses to start with. */
class BearerTokenDecoderTest {

    private static final String SCOPE = TestTokens.WORKS_WRITE;

    private final ReactiveJwtDecoder decoder = BearerTokenDecoder.create(settings(Set.of("RS256")));

    @Test
    void acceptsATokenOfTheIssuerForTheAudienceSignedRs256ByTheKey() {
        Jwt jwt = decoder.decode(TestTokens.token("pipeline-1", SCOPE)).block();

        assertThat(jwt.getSubject()).isEqualTo("pipeline-1");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo(SCOPE);
    }

    @Test
    void refusesEveryOtherToken() {
        List<TestTokens.RejectedToken> rejected = TestTokens.rejectedTokens("pipeline-1", SCOPE);
        assertThat(rejected).extracting(TestTokens.RejectedToken::defect).contains("expired", "forged signature",
                "wrong issuer", "no issuer", "wrong audience", "no audience", "alg none",
                "HS256 keyed with the public key PEM", "HS256 keyed with the public key DER");
        for (TestTokens.RejectedToken token : rejected) {
            assertThatThrownBy(() -> decoder.decode(token.token()).block()).as(token.defect())
                    .isInstanceOf(JwtException.class);
        }
    }

    @Test
    void theAlgorithmsAreConfigurable() {
        ReactiveJwtDecoder rs512Only = BearerTokenDecoder.create(settings(Set.of("RS512")));

        assertThatThrownBy(() -> rs512Only.decode(TestTokens.token("pipeline-1", SCOPE)).block())
                .isInstanceOf(JwtException.class).hasStackTraceContaining("Another algorithm expected");
    }

    @Test
    void aMissingKeyFileIsNamedAtStartUp() {
        var settings = new SecuritySettings.JwtSettings(TestTokens.ISSUER, List.of(TestTokens.AUDIENCE),
                Set.of("RS256"), Path.of("does/not/exist.pem"));

        assertThatThrownBy(() -> BearerTokenDecoder.create(settings))
                .hasMessageContaining("bzpeer.security.jwt.public-key").hasMessageContaining("does/not/exist.pem");
    }

    @Test
    void refusesToStartWithHmacNoneOrWithoutIssuerOrAudience() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(SettingsOnly.class)
                .withPropertyValues("bzpeer.security.jwt.public-key=" + TestTokens.publicKeyFile(),
                        "bzpeer.security.jwt.issuer=" + TestTokens.ISSUER,
                        "bzpeer.security.jwt.audiences=" + TestTokens.AUDIENCE);

        runner.run(context -> assertThat(context.getBean(SecuritySettings.class).jwt().algorithms())
                .containsExactly("RS256"));
        for (String wrong : List.of("bzpeer.security.jwt.algorithms=HS256", "bzpeer.security.jwt.algorithms=none",
                "bzpeer.security.jwt.algorithms=RS256,HS256", "bzpeer.security.jwt.issuer=",
                "bzpeer.security.jwt.audiences=")) {
            runner.withPropertyValues(wrong).run(context -> assertThat(context).as(wrong).hasFailed()
                    .getFailure().rootCause().hasMessageContaining("bzpeer.security.jwt"));
        }
    }

    private static SecuritySettings.JwtSettings settings(Set<String> algorithms) {
        return new SecuritySettings.JwtSettings(TestTokens.ISSUER, List.of(TestTokens.AUDIENCE), algorithms,
                TestTokens.publicKeyFile());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecuritySettings.class)
    static class SettingsOnly {
    }
}
