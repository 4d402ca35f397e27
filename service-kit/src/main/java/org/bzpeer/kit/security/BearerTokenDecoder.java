package org.bzpeer.kit.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The only way a bearer token is accepted: signed with one of the configured RSA algorithms by the configured key
 * (so {@code alg: none} and HMAC tokens, including one keyed with the public key itself, are refused), issued by the
 * configured issuer for one of the configured audiences (a token without {@code iss} or {@code aud} is refused),
 * and within its validity ({@code exp}, {@code nbf}, one minute of clock skew).
 */
final class BearerTokenDecoder {

    private BearerTokenDecoder() {
    }

    static ReactiveJwtDecoder create(SecuritySettings.JwtSettings settings) {
        RSAPublicKey key = readPublicKey(settings);
        Set<JWSAlgorithm> algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toUnmodifiableSet());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key)
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector((header, context) ->
                        algorithms.contains(header.getAlgorithm()) ? List.of(key) : List.of()))
                .build();
        List<String> audiences = List.copyOf(settings.audiences());
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(settings.issuer()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && !Collections.disjoint(audience, audiences)))));
        return decoder;
    }

    private static RSAPublicKey readPublicKey(SecuritySettings.JwtSettings settings) {
        try (InputStream pem = Files.newInputStream(settings.publicKey())) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("bzpeer.security.jwt.public-key: cannot read " + settings.publicKey(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bzpeer.security.jwt.public-key: " + settings.publicKey()
                    + " is not a PEM-encoded RSA public key", e);
        }
    }
}
