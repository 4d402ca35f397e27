package org.bzpeer.profile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * profile-service: the API front-end gateways query. Keeps a read model of authors and their works from
 * {@code work.imported}, with counters and trust from graph-service and trust-service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProfileApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProfileApplication.class, args);
    }
}
