package org.bzpeer.kit.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Who may call a BZPEER service: which bearer tokens are accepted and which browser origins may call it.
 *
 * @param jwt  the bearer tokens accepted
 * @param cors the browser origins allowed to call the API from scripts
 */
@Validated
@ConfigurationProperties("bzpeer.security")
public record SecuritySettings(@Valid @NotNull JwtSettings jwt, @Valid @DefaultValue CorsSettings cors) {

    /**
     * A token is accepted only when it is signed with one of {@code algorithms} by the key in {@code publicKey},
     * was issued by {@code issuer} for one of {@code audiences}, and has not expired.
     *
     * @param issuer     the {@code iss} every token must carry
     * @param audiences  a token's {@code aud} must name at least one of these
     * @param algorithms the RSA signature algorithms accepted ({@code RS256} by default); never HMAC or none
     * @param publicKey  PEM file of the RSA public key that verifies the signatures
     */
    public record JwtSettings(
            @NotBlank String issuer,
            @NotEmpty List<@NotBlank String> audiences,
            @DefaultValue("RS256") @NotEmpty
            Set<@Pattern(regexp = "RS256|RS384|RS512|PS256|PS384|PS512",
                    message = "must be an RSA signature algorithm (RS256, RS384, RS512, PS256, PS384, PS512)")
                    String> algorithms,
            @NotNull Path publicKey) {
    }

    /**
     * Cross-origin calls from browsers.
     *
     * @param allowedOrigins origin patterns allowed to call the API, e.g. {@code https://app.example.org} or
     *                       {@code http://localhost:[*]}; empty (the default) refuses every cross-origin call
     * @param maxAge         how long a browser may cache a preflight answer
     */
    public record CorsSettings(@DefaultValue List<@NotBlank String> allowedOrigins,
            @DefaultValue("1h") Duration maxAge) {
    }
}
