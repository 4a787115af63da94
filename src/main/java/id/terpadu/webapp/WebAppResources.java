package id.terpadu.webapp;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.Arrays;

/**
 * The bundled scripts and styles carry a hash of their content in their names, so a browser on a
 * slow office connection keeps them for a year and loads only the small index page again.
 */
@Configuration(proxyBeanMethods = false)
class WebAppResources implements WebMvcConfigurer {

    private final String[] assetLocations;

    WebAppResources(WebProperties web) {
        this.assetLocations = Arrays.stream(web.getResources().getStaticLocations())
                .map(location -> (location.endsWith("/") ? location : location + "/") + "assets/")
                .toArray(String[]::new);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(assetLocations)
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
