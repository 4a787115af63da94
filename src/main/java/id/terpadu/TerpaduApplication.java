package id.terpadu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Terpadu hub: one GraphQL schema over a regency's poor households, shared by every agency. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TerpaduApplication {

    public static void main(String[] args) {
        SpringApplication.run(TerpaduApplication.class, args);
    }
}
