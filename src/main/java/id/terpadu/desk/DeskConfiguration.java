package id.terpadu.desk;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The desk's clock (the service levels run on it; a test moves it on) and its settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeskProperties.class)
class DeskConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
